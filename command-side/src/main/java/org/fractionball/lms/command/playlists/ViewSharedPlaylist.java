package org.fractionball.lms.command.playlists;

import java.util.UUID;

/** Anyone opening a share link: answers the shared playlist and counts the view. */
public record ViewSharedPlaylist(UUID shareToken) {
}
