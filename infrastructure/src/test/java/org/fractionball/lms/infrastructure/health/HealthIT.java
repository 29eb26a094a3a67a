package org.fractionball.lms.infrastructure.health;

import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.fractionball.lms.infrastructure.support.Api;
import org.fractionball.lms.infrastructure.support.IntegrationTest;
import org.fractionball.lms.infrastructure.support.TestStorage;
import org.fractionball.lms.projections.ProjectionNames;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Liveness stays a constant answer; readiness and actuator health show every dependency with the
 * runbook's levels, measured live against the test's PostgreSQL, Redis, storage, processors and
 * backup directory.
 */
class HealthIT extends IntegrationTest {
    private static final List<String> CHECKS = List.of("backups", "disk", "event_processors", "memory", "postgresql",
            "redis", "storage");

    @Autowired
    private EventProcessingConfiguration processing;

    @AfterEach
    void cleanUp() throws IOException {
        try (Stream<Path> backups = Files.list(Path.of(TestStorage.backupDirectory()))) {
            for (Path backup : backups.toList()) {
                Files.delete(backup);
            }
        }
        jdbc.update("DELETE FROM dead_letter_entry WHERE sequence_identifier LIKE 'health-it-%'");
    }

    @Test
    void liveness_is_anonymous_and_checks_nothing() {
        Api.Response response = api().get("/api/healthz/").send();
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.text()).isEqualTo("{\"status\":\"healthy\",\"message\":\"Fraction Ball LMS API is running\"}");
    }

    @Test
    void readiness_measures_every_dependency() {
        Api.Response response = api().get("/api/readyz/").send();
        assertThat(response.status()).isEqualTo(200);
        JsonNode checks = response.json().get("checks");
        List<String> names = new ArrayList<>();
        checks.fieldNames().forEachRemaining(names::add);
        assertThat(names).containsExactlyInAnyOrderElementsOf(CHECKS);
        assertThat(response.json().get("ready").asBoolean()).isTrue();
        assertThat(response.json().get("status").asText()).isEqualTo(worstOf(checks));

        JsonNode postgres = checks.get("postgresql");
        assertThat(postgres.get("status").asText()).isEqualTo("HEALTHY");
        assertThat(postgres.get("latency_ms").asLong()).isBetween(0L, 500L);
        assertThat(postgres.get("long_running_queries").asLong()).isZero();
        assertThat(postgres.get("connections").asLong()).isPositive();
        assertThat(postgres.get("max_connections").asInt()).isEqualTo(
                jdbc.queryForObject("SELECT current_setting('max_connections')::int", Integer.class));

        JsonNode redis = checks.get("redis");
        assertThat(redis.get("status").asText()).isEqualTo("HEALTHY");
        assertThat(redis.get("configured").asBoolean()).isTrue();
        assertThat(redis.get("used_memory_bytes").asLong()).isPositive();
        assertThat(redis.has("hit_rate")).isTrue();

        assertThat(checks.get("storage").get("status").asText()).isEqualTo("HEALTHY");
        assertThat(checks.get("storage").get("backend").asText()).isEqualTo("FilesystemBlobStore");

        assertThat(checks.get("disk").get("path").asText()).isEqualTo(Path.of(".").toAbsolutePath().normalize().toString());
        assertThat(checks.get("memory").get("heap_max_bytes").asLong()).isEqualTo(Runtime.getRuntime().maxMemory());

        JsonNode accounts = checks.get("event_processors").get("processors").get(ProjectionNames.ACCOUNTS);
        assertThat(accounts.get("running").asBoolean()).isTrue();
        assertThat(accounts.get("error").asBoolean()).isFalse();
        assertThat(accounts.get("dead_letters").asLong()).isZero();

        assertThat(checks.get("backups").get("status").asText()).isEqualTo("WARNING");
        assertThat(checks.get("backups").get("reason").asText()).isEqualTo("no backup in " + TestStorage.backupDirectory());
    }

    @Test
    void the_age_of_the_newest_backup_sets_the_level() throws IOException {
        Path older = backup("lms_production_20261101_020000.dump", Duration.ofHours(70));
        Path newest = backup("lms_production_20261128_020000.dump", Duration.ofMinutes(30));
        JsonNode backups = readyz().get("checks").get("backups");
        assertThat(backups.get("status").asText()).isEqualTo("HEALTHY");
        assertThat(backups.get("newest").asText()).isEqualTo("lms_production_20261128_020000.dump");
        assertThat(backups.get("age_hours").asDouble()).isEqualTo(0.5);

        Files.setLastModifiedTime(newest, FileTime.from(Instant.now().minus(Duration.ofHours(30))));
        backups = readyz().get("checks").get("backups");
        assertThat(backups.get("status").asText()).isEqualTo("WARNING");
        assertThat(backups.get("reason").asText()).isEqualTo("newest backup is 30 h old");

        Files.delete(newest);
        Api.Response response = api().get("/api/readyz/").send();
        backups = response.json().get("checks").get("backups");
        assertThat(backups.get("status").asText()).isEqualTo("CRITICAL");
        assertThat(backups.get("reason").asText()).isEqualTo("newest backup is 70 h old");
        assertThat(backups.get("newest").asText()).isEqualTo(older.getFileName().toString());
        // an old backup is no reason to take the node out of the load balancer
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("status").asText()).isEqualTo("critical");
        assertThat(response.json().get("ready").asBoolean()).isTrue();

        // actuator health is the monitoring view: any CRITICAL is DOWN and 503
        Api.Response actuator = api().get("/actuator/health").send();
        assertThat(actuator.status()).isEqualTo(503);
        assertThat(actuator.json().get("status").asText()).isEqualTo("DOWN");
        assertThat(actuator.json().get("components").get("backups").get("status").asText()).isEqualTo("DOWN");
        assertThat(actuator.json().get("components").get("backups").get("details").get("level").asText())
                .isEqualTo("CRITICAL");
    }

    @Test
    void a_dead_letter_is_a_warning_and_a_stopped_processor_critical() {
        jdbc.update("""
                INSERT INTO dead_letter_entry (dead_letter_id, processing_group, sequence_identifier, sequence_index,
                    message_type, event_identifier, time_stamp, payload_type, payload, enqueued_at)
                VALUES (?, ?, ?, 0, 'EventMessage', ?, '2026-11-29T00:00:00Z', 'java.lang.String', '\\x00'::bytea,
                    '2026-11-29T00:00:00Z')""", UUID.randomUUID().toString(), ProjectionNames.ACCOUNTS,
                "health-it-" + UUID.randomUUID(), UUID.randomUUID().toString());
        JsonNode processors = readyz().get("checks").get("event_processors");
        assertThat(processors.get("processors").get(ProjectionNames.ACCOUNTS).get("dead_letters").asLong()).isEqualTo(1);
        assertThat(processors.get("status").asText()).isIn("WARNING", "CRITICAL");

        TrackingEventProcessor accounts = processing.eventProcessor(ProjectionNames.ACCOUNTS, TrackingEventProcessor.class)
                .orElseThrow();
        accounts.shutDown();
        try {
            processors = readyz().get("checks").get("event_processors");
            assertThat(processors.get("status").asText()).isEqualTo("CRITICAL");
            assertThat(processors.get("reason").asText()).isEqualTo(ProjectionNames.ACCOUNTS + " is not running");
            assertThat(processors.get("processors").get(ProjectionNames.ACCOUNTS).get("running").asBoolean()).isFalse();
            assertThat(api().get("/actuator/health").send().json().get("components").get("eventProcessors")
                    .get("status").asText()).isEqualTo("DOWN");
        } finally {
            accounts.start();
        }
        assertThat(readyz().get("checks").get("event_processors").get("processors").get(ProjectionNames.ACCOUNTS)
                .get("running").asBoolean()).isTrue();
    }

    @Test
    void readiness_is_never_throttled_nor_needs_a_token() {
        for (int i = 0; i < 130; i++) {
            assertThat(api().get("/api/readyz/").send().status()).isEqualTo(200);
        }
    }

    private JsonNode readyz() {
        Api.Response response = api().get("/api/readyz/").send();
        assertThat(response.status()).isEqualTo(200);
        return response.json();
    }

    private static String worstOf(JsonNode checks) {
        HealthLevel worst = HealthLevel.HEALTHY;
        for (JsonNode check : checks) {
            worst = worst.worst(HealthLevel.valueOf(check.get("status").asText()));
        }
        return worst.name().toLowerCase(Locale.ROOT);
    }

    private static Path backup(String name, Duration age) throws IOException {
        Path file = Files.writeString(Path.of(TestStorage.backupDirectory(), name), "PGDMP");
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().minus(age)));
        return file;
    }
}
