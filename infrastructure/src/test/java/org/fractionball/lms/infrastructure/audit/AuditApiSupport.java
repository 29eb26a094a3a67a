package org.fractionball.lms.infrastructure.audit;

import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.fractionball.lms.events.content.ContentDetails;
import org.fractionball.lms.events.content.ContentKind;
import org.fractionball.lms.events.shared.AggregateIds;
import org.fractionball.lms.events.shared.MetadataKeys;
import org.fractionball.lms.events.shared.Role;
import org.fractionball.lms.infrastructure.support.Api;
import org.fractionball.lms.infrastructure.support.ApiTest;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Accounts, appended content histories and HTTP helpers for the audit tests. */
abstract class AuditApiSupport extends ApiTest {
    static final String CONTENT_ITEM = "ContentItem";

    @Autowired
    EventStore eventStore;

    /** Now, to the millisecond: the event store keeps milliseconds. */
    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    static ContentDetails video(String title) {
        return new ContentDetails(title, "About " + title, "4", "fractions", List.of("audit"), 90, 1_000L,
                "https://storage.example.edu/videos/" + UUID.randomUUID() + ".mp4", null, null);
    }

    static String videoAggregate(UUID videoId) {
        return AggregateIds.content(ContentKind.VIDEO, videoId);
    }

    /** Appends one event of a content item's aggregate as {@code actor} would have caused it; returns its id. */
    String append(String aggregateId, long sequence, Object payload, Account actor, Instant at) {
        String messageId = UUID.randomUUID().toString();
        eventStore.publish(new GenericDomainEventMessage<>(CONTENT_ITEM, aggregateId, sequence, payload,
                Map.of(MetadataKeys.ACTOR_USER_ID, Long.toString(actor.id()), MetadataKeys.ACTOR_SCHOOL,
                        Long.toString(actor.school()), MetadataKeys.ACTOR_UID, actor.uid(),
                        MetadataKeys.ACTOR_ROLE, actor.role().name(), MetadataKeys.CLIENT_IP, "203.0.113.7",
                        MetadataKeys.USER_AGENT, "audit-it", MetadataKeys.CORRELATION_ID, "corr-" + messageId),
                messageId, at));
        return messageId;
    }

    long position(String eventId) {
        return jdbc.queryForObject("SELECT global_index FROM domain_event_entry WHERE event_identifier = ?",
                Long.class, eventId);
    }

    long head() {
        return jdbc.queryForObject("SELECT coalesce(max(global_index), 0) FROM domain_event_entry", Long.class);
    }

    static List<String> texts(JsonNode array, String... path) {
        List<String> values = new ArrayList<>();
        array.forEach(item -> {
            JsonNode node = item;
            for (String name : path) {
                node = node.path(name);
            }
            values.add(node.isNull() ? null : node.asText());
        });
        return values;
    }
}
