package org.fractionball.lms.command.playlists;

import java.util.UUID;

/** One entry of a reorder: the item and its new 1-based position. */
public record ItemOrder(UUID itemId, long order) {
}
