package org.fractionball.lms.command.playlists;

import org.fractionball.lms.events.shared.Caller;

import java.util.UUID;

/** Ends a share link of the playlist (D21). */
public record RevokePlaylistShare(UUID playlistId, UUID shareId, Caller by) {
}
