package org.fractionball.lms.command.playlists;

import java.util.Map;
import java.util.UUID;

/** A playlist after a command with the videos of its items, as read in that command. */
public record PlaylistResult(PlaylistState playlist, Map<UUID, PlaylistVideo> videos) {
}
