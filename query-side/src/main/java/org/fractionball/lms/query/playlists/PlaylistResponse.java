package org.fractionball.lms.query.playlists;

import org.fractionball.lms.events.content.ContentFormats;
import org.fractionball.lms.events.playlists.PlaylistFormats;
import org.fractionball.lms.projections.playlists.PlaylistItemView;
import org.fractionball.lms.projections.playlists.PlaylistView;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The contract's Playlist (§3.9), fields in contract order; items ascending by order. */
public record PlaylistResponse(UUID id, String name, String description, long owner, String ownerName, long school,
                               String schoolName, boolean isPublic, int videoCount, String totalDurationFormatted,
                               List<Item> items, Instant createdAt, Instant updatedAt) {

    /** The contract's PlaylistItem; {@code video_duration} is the video's {@code duration_formatted}. */
    public record Item(UUID id, UUID videoAsset, String videoTitle, String videoDuration, int order, String notes,
                       Instant createdAt) {
    }

    public static PlaylistResponse of(PlaylistView playlist) {
        List<Item> items = playlist.items().stream().map(PlaylistResponse::item).toList();
        return new PlaylistResponse(playlist.id(), playlist.name(), playlist.description(), playlist.ownerId(),
                orEmpty(playlist.ownerName()), playlist.schoolId(), orEmpty(playlist.schoolName()), playlist.isPublic(),
                items.size(), PlaylistFormats.totalDuration(playlist.items().stream()
                        .map(PlaylistItemView::videoDuration).toList()),
                items, playlist.createdAt(), playlist.updatedAt());
    }

    private static Item item(PlaylistItemView item) {
        return new Item(item.id(), item.videoId(), orEmpty(item.videoTitle()),
                ContentFormats.duration(item.videoDuration()), item.order(), item.notes(), item.createdAt());
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
