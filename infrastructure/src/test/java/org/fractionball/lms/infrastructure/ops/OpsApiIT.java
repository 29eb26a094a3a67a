package org.fractionball.lms.infrastructure.ops;

import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.fractionball.lms.events.content.ContentCreated;
import org.fractionball.lms.events.content.ContentKind;
import org.fractionball.lms.events.shared.AggregateIds;
import org.fractionball.lms.events.shared.Role;
import org.fractionball.lms.infrastructure.support.Api;
import org.fractionball.lms.infrastructure.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The operations API: processor positions and lag, a reset that replays, and the dead-letter queue. */
class OpsApiIT extends IntegrationTest {
    @Autowired
    private EventStore eventStore;

    private long school;
    private String admin;

    @BeforeEach
    void anAdmin() {
        school = school(unique("ops") + ".edu");
        admin = tokenFor(user(Role.ADMIN, school));
    }

    @Test
    void projections_report_position_lag_and_segments() {
        awaitProjections();
        long head = jdbc.queryForObject("SELECT max(global_index) FROM domain_event_entry", Long.class);
        JsonNode body = ok("/api/ops/projections/");
        assertThat(body.get("head").asLong()).isGreaterThanOrEqualTo(head);
        List<String> names = new ArrayList<>();
        body.get("projections").forEach(projection -> names.add(projection.get("name").asText()));
        assertThat(names).contains("accounts", "audit", "content", "playlists", "activities");
        JsonNode accounts = projection(body, "accounts");
        List<String> fields = new ArrayList<>();
        accounts.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactly("name", "status", "position", "lag", "segments", "dead_letters",
                "last_error", "version", "rebuild");
        assertThat(accounts.get("version").asInt()).isEqualTo(1);
        assertThat(accounts.get("rebuild").isNull()).isTrue();
        assertThat(accounts.get("status").asText()).isEqualTo("running");
        assertThat(accounts.get("position").asLong()).isGreaterThanOrEqualTo(head);
        assertThat(accounts.get("lag").asLong()).isEqualTo(body.get("head").asLong() - accounts.get("position").asLong());
        assertThat(accounts.get("segments")).hasSize(1);
        assertThat(accounts.get("segments").get(0).get("segment").asInt()).isZero();
        assertThat(accounts.get("segments").get(0).get("owner").asText()).isNotBlank();
        assertThat(accounts.get("segments").get(0).get("replaying").asBoolean()).isFalse();

        for (Role role : List.of(Role.SCHOOL_ADMIN, Role.TEACHER, Role.AUDITOR)) {
            String token = tokenFor(user(role, school));
            assertThat(api().get("/api/ops/projections/").token(token).send().status()).as(role.name()).isEqualTo(403);
            assertThat(api().get("/api/ops/dead-letters/").token(token).send().status()).as(role.name()).isEqualTo(403);
        }
    }

    @Test
    void a_reset_replays_the_projection_from_the_store() {
        awaitProjections();
        long indexed = count("audit_event_index");
        long audited = count("audit_log_view");
        Long lost = jdbc.queryForObject("SELECT max(position) FROM audit_event_index", Long.class);
        jdbc.update("DELETE FROM audit_event_index WHERE position = ?", lost);

        Api.Response reset = api().post("/api/ops/projections/audit/reset/", null).token(admin).send();
        assertThat(reset.status()).as(reset.toString()).isEqualTo(202);
        assertThat(reset.json().get("name").asText()).isEqualTo("audit");
        awaitProjections();
        assertThat(count("audit_event_index")).isGreaterThanOrEqualTo(indexed);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM audit_event_index WHERE position = ?", Long.class, lost))
                .isEqualTo(1);
        assertThat(count("audit_log_view")).isGreaterThanOrEqualTo(audited);
        assertThat(projection(ok("/api/ops/projections/"), "audit").get("status").asText()).isIn("running",
                "replaying");

        Api.Response unknown = api().post("/api/ops/projections/nothing/reset/", null).token(admin).send();
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.text()).isEqualTo("{\"detail\":\"Not found.\"}");
    }

    @Test
    void an_event_a_projection_cannot_handle_is_parked_retried_and_evicted() {
        UUID contentId = UUID.randomUUID();
        String eventId = UUID.randomUUID().toString();
        // no details: the content projection's handler fails on it
        eventStore.publish(new GenericDomainEventMessage<>("ContentItem", AggregateIds.content(ContentKind.VIDEO,
                contentId), 0, new ContentCreated(contentId, ContentKind.VIDEO, 1, school, null, "videos/x"),
                Map.of(), eventId, Instant.now().truncatedTo(ChronoUnit.MILLIS)));
        awaitProjections();

        JsonNode parked = letterOf(eventId, "content");
        assertThat(parked.get("event_type").asText()).isEqualTo("ContentCreated");
        assertThat(parked.get("aggregate_id").asText()).isEqualTo("video-" + contentId);
        assertThat(parked.get("aggregate_sequence").asLong()).isZero();
        assertThat(parked.get("cause").get("type").asText()).isEqualTo("java.lang.NullPointerException");
        assertThat(projection(ok("/api/ops/projections/"), "content").get("dead_letters").asLong())
                .isGreaterThanOrEqualTo(1);

        String id = parked.get("id").asText();
        Api.Response retried = api().post("/api/ops/dead-letters/" + id + "/retry/", null).token(admin).send();
        assertThat(retried.status()).as(retried.toString()).isEqualTo(200);
        assertThat(retried.text()).isEqualTo("{\"id\":\"" + id + "\",\"processing_group\":\"content\","
                + "\"succeeded\":false,\"dead_letters_in_sequence\":1}");
        assertThat(letterOf(eventId, "content").get("last_touched").asText())
                .isNotEqualTo(parked.get("last_touched").asText());

        // every group whose handler failed on it parked it (content, audit, analytics…): evict each letter
        List<JsonNode> letters = new ArrayList<>();
        ok("/api/ops/dead-letters/").forEach(letter -> {
            if (letter.get("event_id").asText().equals(eventId)) {
                letters.add(letter);
            }
        });
        assertThat(letters).extracting(letter -> letter.get("processing_group").asText())
                .contains("content", "audit");
        for (JsonNode letter : letters) {
            Api.Response evicted = api().post("/api/ops/dead-letters/" + letter.get("id").asText() + "/evict/", null)
                    .token(admin).send();
            assertThat(evicted.status()).as(evicted.toString()).isEqualTo(204);
        }
        List<String> remaining = new ArrayList<>();
        ok("/api/ops/dead-letters/").forEach(letter -> remaining.add(letter.get("event_id").asText()));
        assertThat(remaining).doesNotContain(eventId);
        assertThat(api().post("/api/ops/dead-letters/" + id + "/evict/", null).token(admin).send().status())
                .isEqualTo(404);
    }

    private JsonNode letterOf(String eventId, String group) {
        for (JsonNode letter : ok("/api/ops/dead-letters/?processing_group=" + group)) {
            if (letter.get("event_id").asText().equals(eventId)) {
                return letter;
            }
        }
        throw new AssertionError("no dead letter for " + eventId + " in " + group);
    }

    private JsonNode ok(String path) {
        Api.Response response = api().get(path).token(admin).send();
        assertThat(response.status()).as(path + " → " + response).isEqualTo(200);
        return response.json();
    }

    private static JsonNode projection(JsonNode body, String name) {
        for (JsonNode projection : body.get("projections")) {
            if (projection.get("name").asText().equals(name)) {
                return projection;
            }
        }
        throw new AssertionError("no projection " + name);
    }

    private long count(String table) {
        return jdbc.queryForObject("SELECT count(*) FROM " + table, Long.class);
    }
}
