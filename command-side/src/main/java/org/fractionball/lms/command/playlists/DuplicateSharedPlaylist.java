package org.fractionball.lms.command.playlists;

import org.fractionball.lms.events.shared.Caller;

import java.util.UUID;

/** The caller copies the playlist behind a share link into a new private playlist of its own. */
public record DuplicateSharedPlaylist(UUID shareToken, UUID copyId, Caller by) {
}
