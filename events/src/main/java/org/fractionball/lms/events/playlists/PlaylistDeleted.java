package org.fractionball.lms.events.playlists;

import java.util.UUID;

/** The playlist, its items and its share links are gone (its history stays in the event store). */
public record PlaylistDeleted(UUID playlistId, String name, long ownerId, long schoolId) {
}
