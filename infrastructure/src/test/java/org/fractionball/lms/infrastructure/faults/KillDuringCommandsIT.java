package org.fractionball.lms.infrastructure.faults;

import org.fractionball.lms.events.shared.Role;
import org.fractionball.lms.infrastructure.support.TestServices;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fault drill: a node in its own JVM is killed (SIGKILL) in the middle of a burst of commands
 * from four clients. After the restart every acknowledged command's event exists exactly once
 * (with its set-validation row), no command left two events, the projections finish what the
 * killed node was projecting, and every table matches a fresh rebuild.
 */
class KillDuringCommandsIT {
    private static final String SCHOOL_REGISTERED = "org.fractionball.lms.events.schools.SchoolRegistered";

    @Test
    void every_acknowledged_command_survives_a_kill_exactly_once() throws Exception {
        TestServices services = TestServices.get();
        String database = services.freshDatabase("kill_commands");
        String admin;
        try (DrillNode setup = DrillNode.start(database, services.redisUrl, Map.of())) {
            admin = setup.user(Role.ADMIN, setup.school("kill-commands.edu"));
            setup.awaitProjections(Duration.ofSeconds(30));
        }
        List<String> acknowledged;
        List<Load.Outcome> outcomes;
        try (NodeProcess node = NodeProcess.web(database, services.redisUrl, Map.of(), "kill-commands-node.log");
             Load load = new Load(node.api(), admin, 4)) {
            while (load.acknowledged().size() < 60) {
                assertThat(load.elapsedMillis()).as("commands acknowledged in time").isLessThan(120_000);
                Thread.sleep(20);
            }
            node.kill();
            load.close();
            acknowledged = load.acknowledged();
            outcomes = load.outcomes();
        }
        assertThat(outcomes).extracting(Load.Outcome::status).as("answers before the kill, none after")
                .allMatch(status -> status == 200 || status == 201 || status == 0);
        assertThat(outcomes).extracting(Load.Outcome::status).contains(0);

        try (DrillNode restarted = DrillNode.start(database, services.redisUrl, Map.of())) {
            restarted.awaitProjections(Duration.ofSeconds(60));
            var jdbc = restarted.jdbc();
            for (String domain : acknowledged) {
                assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE payload_type = ? "
                        + "AND convert_from(payload, 'UTF8')::jsonb ->> 'domain' = ?", Long.class, SCHOOL_REGISTERED,
                        domain)).as("events of " + domain).isEqualTo(1);
                assertThat(jdbc.queryForObject("SELECT count(*) FROM school_view WHERE domain = ?", Long.class,
                        domain)).as("read side of " + domain).isEqualTo(1);
            }
            assertThat(jdbc.queryForList("SELECT convert_from(payload, 'UTF8')::jsonb ->> 'domain' FROM "
                    + "domain_event_entry WHERE payload_type = ? GROUP BY 1 HAVING count(*) > 1", String.class,
                    SCHOOL_REGISTERED)).as("domains registered twice").isEmpty();
            // the set-validation table and the events were written in one transaction: they agree
            assertThat(jdbc.queryForObject("SELECT count(*) FROM school_domain_lookup", Long.class))
                    .isEqualTo(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE payload_type = ?",
                            Long.class, SCHOOL_REGISTERED));
            System.out.printf("[kill during commands drill] %d commands acknowledged before the kill, %d requests "
                    + "unanswered%n", acknowledged.size(), outcomes.stream().filter(o -> o.status() == 0).count());
            ReadModels.assertMatchesFreshRebuild(restarted, Duration.ofSeconds(60));
        }
    }
}
