package org.fractionball.lms.command.playlists;

import org.fractionball.lms.events.shared.Caller;

import java.util.UUID;

/** A new empty playlist owned by the caller, in the caller's school. */
public record CreatePlaylist(UUID playlistId, String name, String description, boolean isPublic, Caller by) {
}
