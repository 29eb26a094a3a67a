package org.fractionball.lms.infrastructure.faults;

import org.fractionball.lms.events.shared.Role;
import org.fractionball.lms.infrastructure.database.EmbeddedPostgresServer;
import org.fractionball.lms.infrastructure.support.Api;
import org.fractionball.lms.infrastructure.support.TestServices;
import org.fractionball.lms.infrastructure.web.DatabaseOutage;
import org.junit.jupiter.api.Test;
import org.springframework.util.FileSystemUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fault drill: PostgreSQL stopped under load and started again. The application runs on a
 * private PostgreSQL server of its own (never the shared one). While the server is down every
 * request is answered 503 with a clear message within the pool's connection timeout (3 s) — none
 * hangs, none is a 500 or a 401; once it is back the application recovers by itself, and every
 * acknowledged write is stored exactly once and shown by the read side.
 */
class PostgresRestartIT {
    private static final String SCHOOL_REGISTERED = "org.fractionball.lms.events.schools.SchoolRegistered";
    private static final long FAIL_FAST_MILLIS = 4_000;
    private static final long NO_HANG_MILLIS = 20_000;

    @Test
    void requests_fail_fast_with_503_while_postgres_is_down_and_nothing_acknowledged_is_lost() throws Exception {
        // the driver must fail as in production: an `assert false` of its turns a lost connection into an Error
        assertThat(Class.forName("org.postgresql.jdbc.BatchResultHandler").desiredAssertionStatus())
                .as("PgJDBC's assertions are off (infrastructure/pom.xml, failsafe argLine)").isFalse();
        Path data = Files.createTempDirectory("drill-postgres").resolve("data");
        EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(data, "lms");
        int port = postgres.port();
        try (DrillNode node = DrillNode.start(postgres.jdbcUrl("lms"), TestServices.get().redisUrl,
                Map.of("spring.datasource.username", "postgres", "spring.datasource.password", ""))) {
            String admin = node.user(Role.ADMIN, node.school("pg-restart.edu"));
            node.awaitProjections(Duration.ofSeconds(30));
            long downAt;
            long restartAt;
            long upAt;
            Api.Response readyWhileDown;
            List<Load.Outcome> outcomes;
            try (Load load = new Load(node.api(), admin, 4)) {
                // enough acknowledged writes before the stop that "none lost" means something, on a slow machine too
                Thread.sleep(3_000);
                while (load.outcomes().stream().filter(o -> o.write() && o.status() == 201).count() < 5) {
                    assertThat(load.elapsedMillis()).as("writes acknowledged before the stop").isLessThan(60_000);
                    Thread.sleep(100);
                }
                postgres.close();
                downAt = load.elapsedMillis();
                Thread.sleep(2_000);
                readyWhileDown = node.api().get("/api/readyz/").send();
                Thread.sleep(6_000);
                restartAt = load.elapsedMillis();
                postgres = EmbeddedPostgresServer.start(data, "lms", port);
                long up = load.elapsedMillis();
                upAt = up;
                while (load.outcomes().stream().filter(o -> o.sentAtMillis() > up && o.status() < 300).count() < 12) {
                    assertThat(load.elapsedMillis() - up).as("requests succeed again in time").isLessThan(60_000);
                    Thread.sleep(100);
                }
                outcomes = load.outcomes();
            }
            assertThat(readyWhileDown.status()).as(readyWhileDown.toString()).isEqualTo(503);

            // sent well after the stop and answered before the restart began: the outage as clients saw it
            List<Load.Outcome> duringOutage = outcomes.stream()
                    .filter(o -> o.sentAtMillis() > downAt + 500 && o.sentAtMillis() + o.millis() < restartAt)
                    .toList();
            assertThat(duringOutage).as("requests answered while PostgreSQL was down").hasSizeGreaterThanOrEqualTo(2);
            assertThat(duringOutage).allSatisfy(o -> {
                assertThat(o.status()).as(o.toString()).isEqualTo(503);
                assertThat(o.body()).isEqualTo("{\"detail\":\"" + DatabaseOutage.DETAIL + "\"}");
                assertThat(o.millis()).as(o.toString()).isLessThan(FAIL_FAST_MILLIS);
            });
            assertThat(outcomes).as("no 500, no 401, nothing else")
                    .filteredOn(o -> o.status() != 200 && o.status() != 201 && o.status() != 503).isEmpty();
            assertThat(outcomes).as("no request hangs").filteredOn(o -> o.millis() >= NO_HANG_MILLIS).isEmpty();

            long recovered = outcomes.stream().filter(o -> o.sentAtMillis() > upAt && o.status() < 300)
                    .mapToLong(o -> o.sentAtMillis() + o.millis() - upAt).min().orElseThrow();
            List<Load.Outcome> afterRecovery = outcomes.stream()
                    .filter(o -> o.sentAtMillis() > upAt + recovered).toList();
            assertThat(afterRecovery).as("requests after the first success").isNotEmpty()
                    .allSatisfy(o -> assertThat(o.status()).as(o.toString()).isIn(200, 201));
            System.out.printf("[postgres restart drill] %d requests, %d during the outage (slowest %d ms), "
                            + "first success %d ms after the restart%n", outcomes.size(), duringOutage.size(),
                    duringOutage.stream().mapToLong(Load.Outcome::millis).max().orElse(0), recovered);

            List<String> acknowledged = outcomes.stream().filter(o -> o.write() && o.status() == 201)
                    .map(Load.Outcome::domain).toList();
            assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(5);
            node.awaitProjections(Duration.ofSeconds(60));
            for (String domain : acknowledged) {
                assertThat(node.jdbc().queryForObject("SELECT count(*) FROM domain_event_entry WHERE payload_type = ? "
                        + "AND convert_from(payload, 'UTF8')::jsonb ->> 'domain' = ?", Long.class, SCHOOL_REGISTERED,
                        domain)).as(domain).isEqualTo(1);
                assertThat(node.jdbc().queryForObject("SELECT count(*) FROM school_view WHERE domain = ?", Long.class,
                        domain)).as(domain).isEqualTo(1);
            }
            ReadModels.assertMatchesFreshRebuild(node, Duration.ofSeconds(60));
        } finally {
            postgres.close();
            FileSystemUtils.deleteRecursively(data.getParent());
        }
    }
}
