package org.fractionball.lms.query.playlists;

public record CountPlaylists(PlaylistFilter filter) {
}
