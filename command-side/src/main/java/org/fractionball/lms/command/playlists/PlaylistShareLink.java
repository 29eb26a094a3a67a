package org.fractionball.lms.command.playlists;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.fractionball.lms.events.playlists.PlaylistShareLinkCreated;
import org.fractionball.lms.events.playlists.PlaylistShareViewed;

import java.time.Instant;
import java.util.UUID;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A share link's own stream, keyed by its token: the command side finds a link's playlist from the
 * token alone (without a read table), and counting views here keeps anonymous traffic out of the
 * playlist's history and off its concurrency checks. Validity (revoked, expired) is the playlist's.
 */
@Aggregate(snapshotTriggerDefinition = "aggregateSnapshotTrigger")
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
public class PlaylistShareLink {
    private static final String PREFIX = "playlist-share-";

    @AggregateIdentifier
    private String id;
    private UUID shareToken;
    private UUID shareId;
    private UUID playlistId;
    private long views;
    private Instant lastViewedAt;

    /** The link's views so far and when it was last opened (null: never). */
    public record Views(long count, Instant lastViewedAt) {
    }

    protected PlaylistShareLink() {
    }

    PlaylistShareLink(PlaylistShareLinkCreated created) {
        apply(created);
    }

    public static String aggregateId(UUID shareToken) {
        return PREFIX + shareToken;
    }

    void recordView() {
        apply(new PlaylistShareViewed(shareToken, shareId, playlistId, views + 1));
    }

    public Views views() {
        return new Views(views, lastViewedAt);
    }

    UUID playlistId() {
        return playlistId;
    }

    @EventSourcingHandler
    void on(PlaylistShareLinkCreated event) {
        id = aggregateId(event.shareToken());
        shareToken = event.shareToken();
        shareId = event.shareId();
        playlistId = event.playlistId();
    }

    @EventSourcingHandler
    void on(PlaylistShareViewed event, @Timestamp Instant at) {
        views = event.viewCount();
        lastViewedAt = at;
    }
}
