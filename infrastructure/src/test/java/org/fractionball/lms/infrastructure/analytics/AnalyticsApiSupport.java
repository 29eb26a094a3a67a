package org.fractionball.lms.infrastructure.analytics;

import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.fractionball.lms.events.analytics.VideoViewProgressed;
import org.fractionball.lms.events.analytics.VideoViewStarted;
import org.fractionball.lms.events.content.ContentApproved;
import org.fractionball.lms.events.content.ContentCreated;
import org.fractionball.lms.events.content.ContentDetails;
import org.fractionball.lms.events.content.ContentKind;
import org.fractionball.lms.events.content.ContentSubmittedForReview;
import org.fractionball.lms.events.content.ResourceDownloaded;
import org.fractionball.lms.events.playlists.PlaylistCreated;
import org.fractionball.lms.events.playlists.PlaylistItemAdded;
import org.fractionball.lms.events.shared.AggregateIds;
import org.fractionball.lms.events.shared.MetadataKeys;
import org.fractionball.lms.events.shared.Role;
import org.fractionball.lms.infrastructure.support.Api;
import org.fractionball.lms.infrastructure.support.ApiTest;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Shared vocabulary of the analytics tests: accounts with tokens, content and view histories appended
 * straight to the event store as the aggregates would (chosen timestamps, for exact days), and reads
 * through the HTTP API.
 */
abstract class AnalyticsApiSupport extends ApiTest {
    @Autowired
    EventStore eventStore;

    /** A video or resource whose history the test appends; {@code next} is its next sequence number. */
    static final class Item {
        final ContentKind kind;
        final UUID id;
        final long owner;
        final long school;
        final String title;
        long next;

        Item(ContentKind kind, UUID id, long owner, long school, String title) {
            this.kind = kind;
            this.id = id;
            this.owner = owner;
            this.school = school;
            this.title = title;
        }
    }

    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    /** A published video: created at {@code at}, submitted and approved a minute and two later. */
    Item publishedVideo(Account owner, Account reviewer, String title, String grade, String topic, Instant at) {
        Item item = new Item(ContentKind.VIDEO, UUID.randomUUID(), owner.id(), owner.school(), title);
        ContentDetails details = new ContentDetails(title, "About " + title + ".", grade, topic, List.of("fractions"),
                120, 1_000_000L, "https://storage.example.edu/videos/" + item.id + ".mp4",
                "https://storage.example.edu/thumbs/" + item.id + ".png", null);
        append(item, new ContentCreated(item.id, item.kind, owner.id(), owner.school(), details, null), owner, at);
        append(item, new ContentSubmittedForReview(item.id, item.kind, title, owner.id()), owner, at.plusSeconds(60));
        append(item, new ContentApproved(item.id, item.kind, title, owner.id(), reviewer.id(), ""), reviewer,
                at.plusSeconds(120));
        return item;
    }

    /** A published resource with a stored file of {@code fileSize} bytes. */
    Item publishedResource(Account owner, Account reviewer, String title, Long fileSize, Instant at) {
        Item item = new Item(ContentKind.RESOURCE, UUID.randomUUID(), owner.id(), owner.school(), title);
        ContentDetails details = new ContentDetails(title, "", "3", "number_line", List.of(), null, fileSize,
                "https://storage.example.edu/resources/" + item.id, null, "pdf");
        append(item, new ContentCreated(item.id, item.kind, owner.id(), owner.school(), details, null), owner, at);
        append(item, new ContentSubmittedForReview(item.id, item.kind, title, owner.id()), owner, at.plusSeconds(60));
        append(item, new ContentApproved(item.id, item.kind, title, owner.id(), reviewer.id(), ""), reviewer,
                at.plusSeconds(120));
        return item;
    }

    void download(Item resource, Account by, Long fileSize, Instant at) {
        append(resource, new ResourceDownloaded(resource.id, UUID.randomUUID(), by.id(), by.school(), resource.title,
                "pdf", fileSize), by, at);
    }

    /** A view session of {@code viewer} started at {@code at}; answers its id. */
    UUID view(Item video, Account viewer, Instant at, Integer duration, Double completion) {
        UUID viewId = UUID.randomUUID();
        publish("VideoViewSession", AggregateIds.viewSession(viewId), 0, new VideoViewStarted(viewId, video.id,
                viewer.id(), viewer.school(), "session-" + viewId, "", duration, completion, video.title), viewer, at);
        return viewId;
    }

    /** A heartbeat of the view raising its maxima (the view's {@code sequence}-th event). */
    void progress(UUID viewId, Item video, Account viewer, long sequence, Integer duration, Double completion,
                  Instant at) {
        publish("VideoViewSession", AggregateIds.viewSession(viewId), sequence, new VideoViewProgressed(viewId,
                video.id, viewer.id(), viewer.school(), duration, completion), viewer, at);
    }

    /** A playlist created at {@code at} with the videos added one second apart; answers its id. */
    UUID playlist(Account owner, String name, boolean isPublic, Instant at, Item... videos) {
        UUID id = UUID.randomUUID();
        publish("Playlist", AggregateIds.playlist(id), 0, new PlaylistCreated(id, name, "", owner.id(), owner.school(),
                isPublic, null, List.of()), owner, at);
        for (int i = 0; i < videos.length; i++) {
            publish("Playlist", AggregateIds.playlist(id), i + 1L, new PlaylistItemAdded(id, name, UUID.randomUUID(),
                    videos[i].id, videos[i].title, "", i + 1), owner, at.plusSeconds(i + 1L));
        }
        return id;
    }

    void append(Item item, Object payload, Account actor, Instant at) {
        publish("ContentItem", AggregateIds.content(item.kind, item.id), item.next++, payload, actor, at);
    }

    private void publish(String type, String aggregateId, long sequence, Object payload, Account actor, Instant at) {
        eventStore.publish(new GenericDomainEventMessage<>(type, aggregateId, sequence, payload, Map.of(
                MetadataKeys.ACTOR_USER_ID, Long.toString(actor.id()), MetadataKeys.ACTOR_SCHOOL,
                Long.toString(actor.school()), MetadataKeys.ACTOR_UID, actor.uid(), MetadataKeys.CLIENT_IP,
                "203.0.113.9", MetadataKeys.USER_AGENT, "analytics-it"), UUID.randomUUID().toString(), at));
    }

    Api.Response post(String path, String body, Account caller) {
        return api().post(path, body).token(caller.token()).send();
    }
}
