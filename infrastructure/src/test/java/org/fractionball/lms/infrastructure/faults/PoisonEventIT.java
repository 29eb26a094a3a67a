package org.fractionball.lms.infrastructure.faults;

import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.fractionball.lms.events.content.ContentCreated;
import org.fractionball.lms.events.content.ContentKind;
import org.fractionball.lms.events.content.ContentSubmittedForReview;
import org.fractionball.lms.events.shared.AggregateIds;
import org.fractionball.lms.events.shared.Role;
import org.fractionball.lms.infrastructure.support.Api;
import org.fractionball.lms.infrastructure.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fault drill: a poison event (one the content projection's handler throws on) is parked in the
 * dead-letter queue with every later event of its aggregate, in order, while events of other
 * aggregates keep reaching the read side; evicting the sequence empties the queue. Parking,
 * retrying and the API's fields are covered by {@code OpsApiIT}.
 */
class PoisonEventIT extends IntegrationTest {
    @Autowired
    private EventStore eventStore;

    @Test
    void a_poison_event_is_parked_with_its_aggregates_later_events_while_other_aggregates_flow() {
        long school = school(unique("poison") + ".edu");
        String teacherUid = user(Role.TEACHER, school);
        String teacher = tokenFor(teacherUid);
        String admin = tokenFor(user(Role.ADMIN, school));
        long teacherId = jdbc.queryForObject("SELECT id FROM user_view WHERE firebase_uid = ?", Long.class,
                teacherUid);
        UUID poisoned = UUID.randomUUID();
        String aggregate = AggregateIds.content(ContentKind.VIDEO, poisoned);
        // no details: the content projection's handler throws on it
        String poisonId = publish(aggregate, 0, new ContentCreated(poisoned, ContentKind.VIDEO, teacherId, school, null,
                "videos/poison"));
        String laterId = publish(aggregate, 1, new ContentSubmittedForReview(poisoned, ContentKind.VIDEO, "Poison",
                teacherId));

        List<String> created = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            Api.Response video = api().post("/api/videos/", """
                    {"title": "Still flowing %d", "description": "Quarters.", "grade": "4", "topic": "number_line",
                     "storage_uri": "https://example.org/flow.mp4"}""".formatted(i)).token(teacher).send();
            assertThat(video.status()).as(video.toString()).isEqualTo(201);
            created.add(video.json().get("id").asText());
        }
        awaitProjections();

        Api.Response listed = api().get("/api/videos/").token(teacher).send();
        assertThat(listed.status()).as(listed.toString()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        listed.json().get("results").forEach(video -> ids.add(video.get("id").asText()));
        assertThat(ids).containsExactlyInAnyOrderElementsOf(created);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM content_view WHERE id = ?", Long.class, poisoned))
                .isZero();

        List<JsonNode> content = letters(admin, aggregate, "content");
        assertThat(content).extracting(letter -> letter.get("event_id").asText()).containsExactly(poisonId, laterId);
        assertThat(content.get(1).get("sequence_index").asLong())
                .isEqualTo(content.get(0).get("sequence_index").asLong() + 1);
        assertThat(content.get(0).get("cause").get("type").asText()).isEqualTo("java.lang.NullPointerException");

        // every group whose handler failed on it parked it (content, audit, analytics): evict them all
        List<JsonNode> parked = letters(admin, aggregate, null);
        for (JsonNode letter : parked) {
            Api.Response evicted = api().post("/api/ops/dead-letters/" + letter.get("id").asText() + "/evict/", null)
                    .token(admin).send();
            assertThat(evicted.status()).as(evicted.toString()).isEqualTo(204);
        }
        assertThat(letters(admin, aggregate, null)).isEmpty();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM dead_letter_entry WHERE aggregate_identifier = ?",
                Long.class, aggregate)).isZero();
    }

    private String publish(String aggregate, long sequence, Object payload) {
        String eventId = UUID.randomUUID().toString();
        eventStore.publish(new GenericDomainEventMessage<>("ContentItem", aggregate, sequence, payload, Map.of(),
                eventId, Instant.now().truncatedTo(ChronoUnit.MILLIS)));
        return eventId;
    }

    /** The aggregate's dead letters, oldest first, of one group or of all. */
    private List<JsonNode> letters(String admin, String aggregate, String group) {
        Api.Response response = api().get("/api/ops/dead-letters/" + (group == null ? "" : "?processing_group="
                + group)).token(admin).send();
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        List<JsonNode> letters = new ArrayList<>();
        response.json().forEach(letter -> {
            if (letter.get("aggregate_id").asText().equals(aggregate)) {
                letters.add(letter);
            }
        });
        letters.sort((a, b) -> Long.compare(a.get("sequence_index").asLong(), b.get("sequence_index").asLong()));
        return letters;
    }
}
