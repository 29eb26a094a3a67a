package org.fractionball.lms.infrastructure.health;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Readiness gating with real checks: a PostgreSQL port nobody listens on takes the node out
 * (503), an old backup alone does not.
 */
class ReadinessControllerTest {

    @Test
    void an_unreachable_database_makes_the_node_unready(@TempDir Path backups) throws IOException {
        ReadinessController readiness = new ReadinessController(List.of(postgresAt(freePort()), backupsIn(backups)));
        ResponseEntity<Map<String, Object>> answer = readiness.readyz();
        assertThat(answer.getStatusCode().value()).isEqualTo(503);
        assertThat(answer.getBody().get("ready")).isEqualTo(false);
        assertThat(answer.getBody().get("status")).isEqualTo("critical");
        Map<?, ?> postgres = (Map<?, ?>) ((Map<?, ?>) answer.getBody().get("checks")).get("postgresql");
        assertThat(postgres.get("status")).isEqualTo("CRITICAL");
        assertThat((String) postgres.get("reason")).startsWith("CannotGetJdbcConnectionException: ");
    }

    @Test
    void a_critical_check_that_does_not_gate_readiness_leaves_the_node_ready(@TempDir Path backups) throws IOException {
        Path old = Files.writeString(backups.resolve("lms_production_20261101_020000.dump"), "PGDMP");
        Files.setLastModifiedTime(old, FileTime.from(Instant.now().minus(Duration.ofHours(51))));
        ResponseEntity<Map<String, Object>> answer = new ReadinessController(List.of(backupsIn(backups))).readyz();
        assertThat(answer.getStatusCode().value()).isEqualTo(200);
        assertThat(answer.getBody().get("ready")).isEqualTo(true);
        assertThat(answer.getBody().get("status")).isEqualTo("critical");
    }

    private static PostgresCheck postgresAt(int port) {
        DriverManagerDataSource dataSource = new DriverManagerDataSource(
                "jdbc:postgresql://127.0.0.1:" + port + "/lms?connectTimeout=2", "postgres", "");
        return new PostgresCheck(new JdbcTemplate(dataSource), Duration.ofMillis(500), Duration.ofMinutes(5), 0.8, 0.95);
    }

    private static BackupCheck backupsIn(Path directory) {
        return new BackupCheck(directory.toString(), Duration.ofHours(26), Duration.ofHours(50));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
