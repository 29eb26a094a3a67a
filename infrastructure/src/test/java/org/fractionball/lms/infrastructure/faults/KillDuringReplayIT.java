package org.fractionball.lms.infrastructure.faults;

import org.fractionball.lms.infrastructure.support.TestServices;
import org.fractionball.lms.projections.ProjectionNames;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fault drill: {@code projections rebuild audit} (the runbook's blue/green rebuild, in its own JVM)
 * is killed (SIGKILL) half-way through building version 2. A node started afterwards takes the
 * rebuild over from the killed process's last committed batch and switches it live: the audit
 * tables end exactly as they were before the rebuild, and every table matches a fresh rebuild.
 */
class KillDuringReplayIT {
    private static final String REBUILD_PROCESSOR = ProjectionNames.AUDIT + "@v2";
    /** Position of the rebuild's processor (its committed token); none before its first batch. */
    private static final String REBUILD_POSITION = """
            SELECT (convert_from(token, 'UTF8')::jsonb ->> 'index')::bigint FROM token_entry
            WHERE processor_name = ? AND token IS NOT NULL""";

    @Test
    void a_rebuild_killed_half_way_is_finished_by_the_next_node() throws Exception {
        TestServices services = TestServices.get();
        String database = services.freshDatabase("kill_replay");
        Map<String, String> before;
        long head;
        try (DrillNode node = DrillNode.start(database, services.redisUrl, Map.of())) {
            Workload.mixed(node, 2);
            for (int i = 0; i < 300; i++) {
                node.school("replay-" + i + ".edu");
            }
            node.awaitProjections(Duration.ofSeconds(60));
            before = ReadModels.checksums(node.jdbc());
            head = node.head();
        }
        JdbcTemplate jdbc = new JdbcTemplate(new DriverManagerDataSource(database, services.username,
                services.password));
        long positionAtKill;
        // one event per transaction, so the replay is slow enough to be caught half-way
        try (NodeProcess rebuild = NodeProcess.command(database, services.redisUrl,
                Map.of("axon.eventhandling.processors.audit.batch-size", "1"), "kill-replay-rebuild.log",
                "projections", "rebuild", ProjectionNames.AUDIT)) {
            long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
            while (true) {
                assertThat(rebuild.isAlive()).as("the rebuild is running (see target/kill-replay-rebuild.log)")
                        .isTrue();
                assertThat(System.nanoTime()).as("the rebuild got going in time").isLessThan(deadline);
                if (rebuildPosition(jdbc) > head / 4) {
                    break;
                }
                Thread.sleep(10);
            }
            rebuild.kill();
            positionAtKill = rebuildPosition(jdbc);
        }
        assertThat(positionAtKill).as("the rebuild was killed half-way").isBetween(head / 4, head - 1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM rebuild_audit.audit_event_index", Long.class))
                .as("rows of version 2 when the rebuild died").isLessThan(head);

        try (DrillNode restarted = DrillNode.start(database, services.redisUrl, Map.of())) {
            long started = System.nanoTime();
            long deadline = started + Duration.ofSeconds(120).toNanos();
            while (!Integer.valueOf(2).equals(jdbc.queryForList("SELECT version FROM projection_version WHERE name = ?",
                    Integer.class, ProjectionNames.AUDIT).stream().findFirst().orElse(1))) {
                assertThat(System.nanoTime()).as("the next node switched version 2 live").isLessThan(deadline);
                Thread.sleep(50);
            }
            restarted.awaitProjections(Duration.ofSeconds(120));
            System.out.printf("[kill during rebuild drill] killed at position %d of %d; the next node finished the "
                    + "rebuild in %d ms%n", positionAtKill, head, Duration.ofNanos(System.nanoTime() - started)
                    .toMillis());
            assertThat(ReadModels.checksums(restarted.jdbc())).isEqualTo(before);
            ReadModels.assertMatchesFreshRebuild(restarted, Duration.ofSeconds(120));
        }
    }

    private static long rebuildPosition(JdbcTemplate jdbc) {
        return jdbc.queryForList(REBUILD_POSITION, Long.class, REBUILD_PROCESSOR).stream()
                .filter(Objects::nonNull).findFirst().orElse(-1L);
    }
}
