package org.fractionball.lms.infrastructure.content;

import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.fractionball.lms.events.content.ContentApproved;
import org.fractionball.lms.events.content.ContentCreated;
import org.fractionball.lms.events.content.ContentDeleted;
import org.fractionball.lms.events.content.ContentDetails;
import org.fractionball.lms.events.content.ContentDetailsChanged;
import org.fractionball.lms.events.content.ContentKind;
import org.fractionball.lms.events.content.ContentRejected;
import org.fractionball.lms.events.content.ContentReturnedToDraft;
import org.fractionball.lms.events.content.ContentStatus;
import org.fractionball.lms.events.content.ContentSubmittedForReview;
import org.fractionball.lms.events.shared.AggregateIds;
import org.fractionball.lms.events.shared.MetadataKeys;
import org.fractionball.lms.events.shared.Role;
import org.fractionball.lms.infrastructure.support.Api;
import org.fractionball.lms.infrastructure.support.ApiTest;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Shared vocabulary of the content read-side tests. The content commands are not part of this
 * slice, so the tests append the events an aggregate would (type {@code ContentItem}, its
 * kind-prefixed id, sequence 0, 1, 2 … and the actor's metadata) straight into the event store,
 * with chosen timestamps, and then read through the HTTP API with real tokens.
 */
abstract class ContentApiSupport extends ApiTest {
    static final String FORBIDDEN = "{\"detail\":\"You do not have permission to perform this action.\"}";
    static final String NOT_FOUND = "{\"detail\":\"Not found.\"}";
    static final String NO_VIDEO = "{\"detail\":\"No VideoAsset matches the given query.\"}";
    static final String NO_RESOURCE = "{\"detail\":\"No Resource matches the given query.\"}";
    static final String INVALID_PAGE = "{\"detail\":\"Invalid page.\"}";

    /** Contract §3.5, in order. */
    static final List<String> VIDEO_FIELDS = List.of("id", "title", "description", "grade", "grade_display", "topic",
            "topic_display", "tags", "duration", "duration_formatted", "file_size", "file_size_formatted",
            "storage_uri", "thumbnail_uri", "owner", "owner_name", "school", "school_name", "status",
            "status_display", "created_at", "updated_at");
    /** Contract §3.7, in order. */
    static final List<String> RESOURCE_FIELDS = List.of("id", "title", "description", "file_uri", "file_type",
            "file_type_display", "file_size", "file_size_formatted", "grade", "grade_display", "topic",
            "topic_display", "tags", "owner", "owner_name", "school", "school_name", "status", "created_at",
            "updated_at");
    static final List<String> PAGE_FIELDS = List.of("count", "next", "previous", "results");
    static final String GENERATED_AT = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}\\+00:00";

    private static final DateTimeFormatter MICROS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
            .withZone(java.time.ZoneOffset.UTC);

    @Autowired
    EventStore eventStore;

    /**
     * A content item as the tests append its history: {@code next} is its next sequence number,
     * {@code lastEvent} the message id of its newest event (the key of its audit row).
     */
    static final class Item {
        final ContentKind kind;
        final UUID id;
        final long owner;
        final long school;
        String title;
        long next;
        String lastEvent;

        Item(ContentKind kind, UUID id, long owner, long school, String title) {
            this.kind = kind;
            this.id = id;
            this.owner = owner;
            this.school = school;
            this.title = title;
        }

        String id() {
            return id.toString();
        }
    }

    /** Now, to the millisecond: the event store keeps milliseconds. */
    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    static ContentDetails video(String title, String description, String grade, String topic, List<String> tags,
                                Integer duration, Long fileSize) {
        return new ContentDetails(title, description, grade, topic, tags, duration, fileSize,
                "https://storage.example.edu/videos/" + UUID.randomUUID() + ".mp4",
                "https://storage.example.edu/thumbs/" + title.length() + ".png", null);
    }

    static ContentDetails resource(String title, String description, String fileType, String grade, String topic,
                                   List<String> tags, Long fileSize) {
        return new ContentDetails(title, description, grade, topic, tags, null, fileSize,
                "https://storage.example.edu/resources/" + UUID.randomUUID(), null, fileType);
    }

    Item create(ContentKind kind, Account owner, long schoolId, ContentDetails details, Instant at) {
        Item item = new Item(kind, UUID.randomUUID(), owner.id(), schoolId, details.title());
        append(item, new ContentCreated(item.id, kind, owner.id(), schoolId, details,
                kind.folder() + "/" + schoolId + "/" + item.id), owner, at);
        return item;
    }

    void change(Item item, Account actor, ContentDetails details, Instant at) {
        item.title = details.title();
        append(item, new ContentDetailsChanged(item.id, item.kind, details), actor, at);
    }

    void submit(Item item, Account owner, Instant at) {
        append(item, new ContentSubmittedForReview(item.id, item.kind, item.title, item.owner), owner, at);
    }

    void approve(Item item, Account reviewer, String notes, Instant at) {
        append(item, new ContentApproved(item.id, item.kind, item.title, item.owner, reviewer.id(), notes), reviewer,
                at);
    }

    void reject(Item item, Account reviewer, String reason, Instant at) {
        reject(item, reviewer, reviewer.id(), reason, at);
    }

    /** A rejection naming {@code reviewerId} as reviewer (e.g. a user no longer in the read model). */
    void reject(Item item, Account actor, long reviewerId, String reason, Instant at) {
        append(item, new ContentRejected(item.id, item.kind, item.title, item.owner, reviewerId, reason), actor, at);
    }

    void returnToDraft(Item item, Account actor, ContentStatus from, Instant at) {
        append(item, new ContentReturnedToDraft(item.id, item.kind, item.title, from, ContentReturnedToDraft.BY_OWNER),
                actor, at);
    }

    void delete(Item item, Account actor, Instant at) {
        append(item, new ContentDeleted(item.id, item.kind, item.title, item.owner, item.school, null), actor, at);
    }

    /** Appends one event of the item's aggregate; returns its message id. */
    String append(Item item, Object payload, Account actor, Instant at) {
        item.lastEvent = append("ContentItem", AggregateIds.content(item.kind, item.id), item.next++, payload, actor,
                at);
        return item.lastEvent;
    }

    String append(String type, String aggregateId, long sequence, Object payload, Account actor, Instant at) {
        String messageId = UUID.randomUUID().toString();
        eventStore.publish(new GenericDomainEventMessage<>(type, aggregateId, sequence, payload,
                Map.of(MetadataKeys.ACTOR_USER_ID, Long.toString(actor.id()), MetadataKeys.ACTOR_SCHOOL,
                        Long.toString(actor.school()), MetadataKeys.ACTOR_UID, actor.uid(),
                        MetadataKeys.CLIENT_IP, "203.0.113.7", MetadataKeys.USER_AGENT, "content-it"),
                messageId, at));
        return messageId;
    }

    /** The ids of a paginated answer's results, in order. */
    static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("results").forEach(item -> ids.add(item.get("id").asText()));
        return ids;
    }

    static List<String> idsOf(Item... items) {
        List<String> ids = new ArrayList<>();
        for (Item item : items) {
            ids.add(item.id());
        }
        return ids;
    }

    static List<String> fieldNames(JsonNode object) {
        List<String> names = new ArrayList<>();
        Iterator<String> iterator = object.fieldNames();
        iterator.forEachRemaining(names::add);
        return names;
    }

    /** A datetime as the contract's serializers write it (§0.6): {@code Z}, microseconds when non-zero. */
    static String datetime(Instant at) {
        return at.getNano() == 0 ? at.toString() : MICROS.format(at);
    }
}
