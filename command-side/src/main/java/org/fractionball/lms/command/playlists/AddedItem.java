package org.fractionball.lms.command.playlists;

/** The item add_item created, with its video. */
public record AddedItem(PlaylistItemState item, PlaylistVideo video) {
}
