package org.fractionball.lms.command.playlists;

import org.fractionball.lms.events.shared.Caller;

import java.util.UUID;

/** A new share link, valid {@code expiresInDays} days (null: without expiry). */
public record SharePlaylist(UUID playlistId, UUID shareId, UUID shareToken, Integer expiresInDays, Caller by) {
}
