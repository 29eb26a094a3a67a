package org.fractionball.lms.infrastructure.library;

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
import org.fractionball.lms.events.content.ContentSubmittedForReview;
import org.fractionball.lms.events.shared.AggregateIds;
import org.fractionball.lms.events.shared.MetadataKeys;
import org.fractionball.lms.events.shared.Role;
import org.fractionball.lms.infrastructure.support.Api;
import org.fractionball.lms.infrastructure.support.ApiTest;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Shared vocabulary of the library tests: accounts with tokens, content histories appended straight
 * to the event store as the {@code ContentItem} aggregate would (chosen timestamps, for exact
 * orderings and dates), and reads through the HTTP API.
 */
abstract class LibraryApiSupport extends ApiTest {
    static final String FORBIDDEN = "{\"detail\":\"You do not have permission to perform this action.\"}";
    static final String NOT_FOUND = "{\"detail\":\"Not found.\"}";
    static final String INVALID_PAGE = "{\"detail\":\"Invalid page.\"}";
    static final String INVALID_ID = "Select a valid choice. That choice is not one of the available choices.";

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

    @Autowired
    EventStore eventStore;

    /** A content item as the tests append its history; {@code next} is its next sequence number. */
    static final class Item {
        final ContentKind kind;
        final UUID id;
        final long owner;
        final long school;
        String title;
        long next;

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

    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    static ContentDetails video(String title, String description, String grade, String topic, List<String> tags,
                                Integer duration) {
        return new ContentDetails(title, description, grade, topic, tags, duration, 1_000_000L,
                "https://storage.example.edu/videos/" + UUID.randomUUID() + ".mp4",
                "https://storage.example.edu/thumbs/" + UUID.randomUUID() + ".png", null);
    }

    static ContentDetails resource(String title, String description, String fileType, String grade, String topic,
                                   List<String> tags, Long fileSize) {
        return new ContentDetails(title, description, grade, topic, tags, null, fileSize,
                "https://storage.example.edu/resources/" + UUID.randomUUID(), null, fileType);
    }

    Item create(ContentKind kind, Account owner, ContentDetails details, Instant at) {
        Item item = new Item(kind, UUID.randomUUID(), owner.id(), owner.school(), details.title());
        append(item, new ContentCreated(item.id, kind, owner.id(), owner.school(), details, null), owner, at);
        return item;
    }

    void change(Item item, Account actor, ContentDetails details, Instant at) {
        item.title = details.title();
        append(item, new ContentDetailsChanged(item.id, item.kind, details), actor, at);
    }

    void submit(Item item, Account owner, Instant at) {
        append(item, new ContentSubmittedForReview(item.id, item.kind, item.title, item.owner), owner, at);
    }

    void approve(Item item, Account reviewer, Instant at) {
        append(item, new ContentApproved(item.id, item.kind, item.title, item.owner, reviewer.id(), ""), reviewer, at);
    }

    void reject(Item item, Account reviewer, Instant at) {
        append(item, new ContentRejected(item.id, item.kind, item.title, item.owner, reviewer.id(), "Not yet."),
                reviewer, at);
    }

    /** Submitted one minute after {@code at} and approved two minutes after it. */
    void publish(Item item, Account owner, Account reviewer, Instant at) {
        submit(item, owner, at.plusSeconds(60));
        approve(item, reviewer, at.plusSeconds(120));
    }

    void delete(Item item, Account actor, Instant at) {
        append(item, new ContentDeleted(item.id, item.kind, item.title, item.owner, item.school, null), actor, at);
    }

    void append(Item item, Object payload, Account actor, Instant at) {
        eventStore.publish(new GenericDomainEventMessage<>("ContentItem", AggregateIds.content(item.kind, item.id),
                item.next++, payload, Map.of(MetadataKeys.ACTOR_USER_ID, Long.toString(actor.id()),
                MetadataKeys.ACTOR_SCHOOL, Long.toString(actor.school()), MetadataKeys.ACTOR_UID, actor.uid(),
                MetadataKeys.CLIENT_IP, "203.0.113.9", MetadataKeys.USER_AGENT, "library-it"),
                UUID.randomUUID().toString(), at));
    }

    /** GET that must be refused with exactly this status and body. */
    void refused(String path, Account caller, int status, String body) {
        Api.Response response = get(path, caller);
        assertThat(response.status()).as(path + " → " + response).isEqualTo(status);
        assertThat(response.text()).as(path).isEqualTo(body);
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
}
