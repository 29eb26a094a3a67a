package org.fractionball.lms.infrastructure.faults;

import org.fractionball.lms.infrastructure.support.Api;
import org.fractionball.lms.infrastructure.support.TestServices;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The recovery drill (runbook, "Recovery drill"): back the database up with
 * {@code backup_database.sh}, restore the dump into an empty database with
 * {@code restore_database.sh}, start the application on it, empty every read table and replay
 * every projection from the restored event store, and compare each table's checksum with the
 * tables as they were before the backup.
 */
class RecoveryDrillIT {
    private static final Duration CATCH_UP = Duration.ofSeconds(120);
    private static final Path SCRIPTS = Path.of("..", "ops", "scripts");

    private final TestServices services = TestServices.get();

    @Test
    void a_restored_event_store_rebuilds_every_read_table_exactly() throws Exception {
        String source = services.freshDatabase("recovery_source");
        Map<String, String> before;
        Path backups = Files.createTempDirectory("recovery-drill");
        String dump;
        String admin;
        try (DrillNode node = DrillNode.start(source, services.redisUrl, Map.of())) {
            admin = Workload.mixed(node, 3);
            node.awaitProjections(CATCH_UP);
            before = ReadModels.checksums(node.jdbc());
            dump = script(backups, source, "backup_database.sh", "drill").strip();
        }
        assertThat(before.get("school_view")).startsWith("4:");
        assertThat(before.get("content_view")).startsWith("12:");

        String target = services.freshDatabase("recovery_target");
        script(backups, target, "restore_database.sh", dump, "drill");

        try (DrillNode node = DrillNode.start(target, services.redisUrl, Map.of())) {
            long started = System.nanoTime();
            ReadModels.rebuildAll(node, () -> assertThat(ReadModels.nonEmpty(node.jdbc())).doesNotContainAnyElementsOf(
                    List.of("school_view", "user_view", "content_view", "content_history", "playlist_view",
                            "audit_log_view", "audit_event_index", "system_config_view", "feature_flag_view")),
                    CATCH_UP);
            System.out.printf("[recovery drill] %d events replayed into every projection in %d ms%n", node.head(),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
            assertThat(ReadModels.checksums(node.jdbc())).isEqualTo(before);
            Api.Response schools = node.api().get("/api/schools/").token(admin).send();
            assertThat(schools.status()).as(schools.toString()).isEqualTo(200);
            assertThat(schools.json().get("count").asInt()).isEqualTo(4);
        }
        assertThat(backups.toFile().list()).anyMatch(name -> name.startsWith("lms_pre_restore_drill_"));
    }

    /** Runs one of the operations scripts on {@code jdbcUrl}'s database; returns what it printed. */
    private String script(Path backups, String jdbcUrl, String name, String... arguments) throws IOException,
            InterruptedException {
        List<String> command = new ArrayList<>(List.of(SCRIPTS.resolve(name).toString()));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().put("DATABASE_URL", postgresUrl(jdbcUrl));
        builder.environment().put("BACKUP_DIR", backups.toString());
        builder.environment().remove("SLACK_WEBHOOK_URL");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(name + " exit status; output: " + output).isZero();
        return output;
    }

    /** The runbook's {@code DATABASE_URL} form of a JDBC URL of the test server. */
    private String postgresUrl(String jdbcUrl) {
        String credentials = services.password == null || services.password.isEmpty() ? services.username
                : services.username + ":" + services.password;
        return "postgres://" + credentials + "@" + jdbcUrl.substring("jdbc:postgresql://".length());
    }
}
