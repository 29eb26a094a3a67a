package org.fractionball.lms.infrastructure.bootstrap;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.fractionball.lms.events.shared.Role;
import org.fractionball.lms.infrastructure.LmsApplication;
import org.fractionball.lms.infrastructure.support.IntegrationTest;
import org.fractionball.lms.infrastructure.support.TestServices;
import org.fractionball.lms.projections.ProjectionNames;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The Makefile's {@code migrate}, {@code showmigrations} and {@code projections-rebuild} through the jar's commands. */
class OpsCommandIT extends IntegrationTest {

    @Autowired
    private EventProcessingConfiguration processing;

    @Test
    void migrate_applies_every_migration_once_and_showmigrations_lists_them() throws Exception {
        TestServices services = TestServices.get();
        String database = "lms_migrate_" + UUID.randomUUID().toString().substring(0, 8);
        try (Connection admin = DriverManager.getConnection(services.adminJdbcUrl, services.username, services.password)) {
            admin.createStatement().execute("CREATE DATABASE " + database);
        }
        String url = services.adminJdbcUrl.replaceFirst("/[^/?]*(\\?|$)", "/" + database + "$1");
        Map<String, String> configuration = Map.of("spring.datasource.url", url,
                "spring.datasource.username", services.username, "spring.datasource.password", services.password);
        configuration.forEach(System::setProperty);
        try {
            Run pending = run("showmigrations");
            assertThat(pending.exitCode).as(pending.output).isZero();
            assertThat(pending.output).startsWith("[ ] V1 event store").doesNotContain("[X]");

            Run first = run("migrate");
            assertThat(first.exitCode).as(first.output).isZero();
            long applied = jdbc.queryForObject("SELECT count(*) FROM flyway_schema_history WHERE success", Long.class);
            assertThat(first.output).startsWith("Applied " + applied + " migrations; schema version ");

            Run second = run("migrate");
            assertThat(second.output).startsWith("Applied 0 migrations; schema version ");
            Run listed = run("showmigrations");
            assertThat(listed.output.lines().filter(line -> line.startsWith("[X] V"))).hasSize((int) applied);
            assertThat(listed.output).doesNotContain("[ ]");
        } finally {
            configuration.keySet().forEach(System::clearProperty);
            try (Connection admin = DriverManager.getConnection(services.adminJdbcUrl, services.username,
                    services.password)) {
                admin.createStatement().execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            }
        }
    }

    @Test
    void projections_rebuild_replays_the_read_tables_to_the_same_rows() {
        String teacher = tokenFor(user(Role.TEACHER, school(unique("rebuild") + ".edu")));
        for (int i = 0; i < 3; i++) {
            assertThat(api().post("/api/playlists/", """
                    {"name": "Rebuilt %d", "description": "", "is_public": true}""".formatted(i))
                    .token(teacher).send().status()).isEqualTo(201);
        }
        awaitProjections();
        String before = checksum();

        TestServices services = TestServices.get();
        Map<String, String> configuration = Map.of(
                "spring.datasource.url", services.jdbcUrl(),
                "spring.datasource.username", services.username,
                "spring.datasource.password", services.password,
                "spring.data.redis.url", services.redisUrl,
                "lms.redis.key-prefix", services.redisKeyPrefix,
                "spring.profiles.active", "test");
        TrackingEventProcessor serving = processing.eventProcessor(ProjectionNames.PLAYLISTS,
                TrackingEventProcessor.class).orElseThrow();
        // the runbook's rebuild stops the servers' processor first; here: the test server's
        serving.shutDown();
        configuration.forEach(System::setProperty);
        try {
            Run unknown = run("projections", "rebuild", "no-such-processor");
            assertThat(unknown.exitCode).isEqualTo(2);
            assertThat(unknown.output).contains("No event processor no-such-processor; processors: ");

            Run rebuilt = run("projections", "rebuild", ProjectionNames.PLAYLISTS);
            assertThat(rebuilt.exitCode).as(rebuilt.output).isZero();
            long head = jdbc.queryForObject("SELECT max(global_index) FROM domain_event_entry", Long.class);
            assertThat(rebuilt.output).contains("Rebuilt playlists up to position " + head);
        } finally {
            configuration.keySet().forEach(System::clearProperty);
            serving.start();
        }
        assertThat(checksum()).isEqualTo(before);
        assertThat(run("projections", "rebuild").exitCode).isEqualTo(2);
    }

    private String checksum() {
        return jdbc.queryForObject("""
                SELECT count(*) || ':' || coalesce(md5(string_agg(id::text || name || is_public, ',' ORDER BY id)), '')
                FROM playlist_view""", String.class);
    }

    private record Run(int exitCode, String output) {
    }

    private static Run run(String... args) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        int code = OpsCommand.run(LmsApplication.class, args, new PrintStream(buffer, true, StandardCharsets.UTF_8));
        return new Run(code, buffer.toString(StandardCharsets.UTF_8));
    }
}
