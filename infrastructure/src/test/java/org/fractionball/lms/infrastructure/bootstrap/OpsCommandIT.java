package org.fractionball.lms.infrastructure.bootstrap;

import org.fractionball.lms.events.shared.Role;
import org.fractionball.lms.infrastructure.LmsApplication;
import org.fractionball.lms.infrastructure.support.IntegrationTest;
import org.fractionball.lms.infrastructure.support.TestServices;
import org.fractionball.lms.projections.ProjectionNames;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Makefile's {@code migrate}, {@code showmigrations}, {@code projections-status} and
 * {@code projections-rebuild} through the jar's commands.
 */
class OpsCommandIT extends IntegrationTest {

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
    void projections_rebuild_puts_the_next_version_live_while_the_server_runs_and_status_shows_it() {
        String teacher = tokenFor(user(Role.TEACHER, school(unique("rebuild") + ".edu")));
        for (int i = 0; i < 3; i++) {
            assertThat(api().post("/api/playlists/", """
                    {"name": "Rebuilt %d", "description": "", "is_public": true}""".formatted(i))
                    .token(teacher).send().status()).isEqualTo(201);
        }
        awaitProjections();
        String before = checksum();
        int version = jdbc.queryForObject(
                "SELECT coalesce((SELECT version FROM projection_version WHERE name = 'playlists'), 1)", Integer.class);

        TestServices services = TestServices.get();
        Map<String, String> configuration = Map.of(
                "spring.datasource.url", services.jdbcUrl(),
                "spring.datasource.username", services.username,
                "spring.datasource.password", services.password,
                "spring.data.redis.url", services.redisUrl,
                "lms.redis.key-prefix", services.redisKeyPrefix,
                "spring.profiles.active", "test");
        configuration.forEach(System::setProperty);
        try {
            Run unknown = run("projections", "rebuild", "no-such-processor");
            assertThat(unknown.exitCode).isEqualTo(2);
            assertThat(unknown.output).contains("No projection no-such-processor to rebuild; processors: ");

            Run rebuilt = run("projections", "rebuild", ProjectionNames.PLAYLISTS);
            assertThat(rebuilt.exitCode).as(rebuilt.output).isZero();
            assertThat(rebuilt.output).contains("Rebuilt playlists: version " + (version + 1) + " is live (was "
                    + version + ")");

            Run status = run("projections", "status");
            assertThat(status.exitCode).as(status.output).isZero();
            assertThat(status.output.lines().filter(line -> line.startsWith("playlists ")))
                    .singleElement().asString().matches("playlists +\\d+ +\\d+ +" + (version + 1) + "  -");
        } finally {
            configuration.keySet().forEach(System::clearProperty);
        }
        awaitProjections();
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
