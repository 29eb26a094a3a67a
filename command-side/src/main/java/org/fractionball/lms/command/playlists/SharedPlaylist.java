package org.fractionball.lms.command.playlists;

/** What a share link shows: the playlist with its videos and the share it was opened through. */
public record SharedPlaylist(PlaylistResult playlist, ShareState share) {
}
