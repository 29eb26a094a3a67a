package org.fractionball.lms.command.playlists;

import java.time.Instant;
import java.util.List;

/**
 * What a share link shows anyone (§5.15 with D21 fixed): the playlist without ids (neither the
 * playlist's, its owner's, its school's, its items' nor its videos') and only its published videos,
 * numbered 1..n in playlist order.
 */
public record SharedPlaylistResponse(String name, String description, String ownerName, String schoolName,
                                     int videoCount, String totalDurationFormatted, List<Item> items,
                                     Instant createdAt, Instant updatedAt, boolean isShared, String sharedBy,
                                     Instant shareCreatedAt) {

    public record Item(String videoTitle, String videoDuration, int order, String notes, Instant createdAt) {
    }
}
