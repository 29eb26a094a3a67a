package org.fractionball.lms.events.playlists;

import java.util.UUID;

/**
 * A user copied this playlist through the share link {@code shareToken} into its own new playlist
 * {@code copyId} (created by its own {@link PlaylistCreated}); it is the record that this user has
 * a copy, and the copy held {@code itemsCopied} items when it was made.
 */
public record PlaylistDuplicated(UUID playlistId, String playlistName, long ownerId, UUID shareToken, UUID copyId,
                                 String copyName, long duplicatedBy, int itemsCopied) {
}
