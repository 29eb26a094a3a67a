package org.fractionball.lms.query.playlists;

/** A page of playlists with their items, as {@code PlaylistView}s. */
public record FindPlaylists(PlaylistFilter filter, long offset, int limit) {
}
