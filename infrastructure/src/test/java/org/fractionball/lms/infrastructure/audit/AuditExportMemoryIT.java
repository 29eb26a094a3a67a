package org.fractionball.lms.infrastructure.audit;

import org.flywaydb.core.Flyway;
import org.fractionball.lms.infrastructure.support.IntegrationTest;
import org.fractionball.lms.infrastructure.support.TestServices;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Exports stream in constant memory: a million stored events (inserted by SQL into a database of
 * this test's own, through the append trigger, and indexed) are exported by the production
 * exporter in a separate JVM limited to a 48 MB heap. Kept out of the shared test database, where
 * every projection would have to work through them.
 */
class AuditExportMemoryIT extends IntegrationTest {
    private static final int EVENTS = 1_000_000;
    private static final Pattern REPORT = Pattern.compile(
            "events=(\\d+) lines=(\\d+) bytes=(\\d+) millis=(\\d+) max-heap-used-mb=(\\d+) max-heap-mb=(\\d+)");

    private final TestServices services = TestServices.get();
    private final String database = "lms_export_" + LocalDateTime.now().format(DateTimeFormatter.ofPattern(
            "yyyyMMddHHmmss")) + "_" + Long.toHexString(System.nanoTime());
    private String url;

    @BeforeEach
    void aMillionEvents() throws SQLException {
        admin("CREATE DATABASE " + database);
        url = services.jdbcUrl().replace(services.databaseName, database);
        Flyway.configure().dataSource(url, services.username, services.password).locations("classpath:db/migration")
                .load().migrate();
        long started = System.nanoTime();
        try (Connection connection = services.connect(url);
             Statement sql = connection.createStatement()) {
            sql.execute("""
                    INSERT INTO domain_event_entry (aggregate_identifier, sequence_number, type, event_identifier,
                                                    meta_data, payload, payload_type, time_stamp)
                    SELECT 'video-' || (n / 10), n % 10, 'ContentItem', md5(n::text),
                           convert_to('{"actorUserId":"' || (n % 500) || '","actorUid":"uid-' || (n % 500)
                                      || '","actorRole":"TEACHER","actorSchool":"' || (n % 7)
                                      || '","clientIp":"203.0.113.' || (n % 250)
                                      || '","userAgent":"export-it","correlationId":"' || md5(n::text) || '"}', 'UTF8'),
                           convert_to('{"contentId":"' || md5(n::text)::uuid || '","kind":"VIDEO","details":'
                                      || '{"title":"Video ' || n || '","description":"Fractions, part ' || n
                                      || '","grade":"4","topic":"fractions","tags":["export"]}}', 'UTF8'),
                           'org.fractionball.lms.events.content.ContentDetailsChanged',
                           to_char(timestamp '2026-01-01' + n * interval '1 second', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
                    FROM generate_series(0, EVENTS - 1) AS n""".replace("EVENTS - 1", Integer.toString(EVENTS - 1)));
            sql.execute("""
                    INSERT INTO audit_event_index (position, event_id, event_type, aggregate_type, aggregate_id,
                                                   actor_id, actor_uid, school_id, created_at)
                    SELECT global_index, event_identifier, 'ContentDetailsChanged', type, aggregate_identifier,
                           (convert_from(meta_data, 'UTF8')::jsonb ->> 'actorUserId')::bigint,
                           convert_from(meta_data, 'UTF8')::jsonb ->> 'actorUid',
                           (convert_from(meta_data, 'UTF8')::jsonb ->> 'actorSchool')::bigint, time_stamp::timestamptz
                    FROM domain_event_entry""");
        }
        System.out.println("[audit export] " + EVENTS + " events stored and indexed in "
                + (System.nanoTime() - started) / 1_000_000 + " ms");
    }

    @AfterEach
    void dropDatabase() throws SQLException {
        admin("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
    }

    @Test
    void a_million_events_export_as_ndjson_and_csv_in_a_48_mb_heap() throws Exception {
        for (String format : List.of("ndjson", "csv")) {
            Matcher report = exportInSmallHeap(format);
            assertThat(Long.parseLong(report.group(1))).isEqualTo(EVENTS);
            assertThat(Long.parseLong(report.group(2))).isEqualTo(format.equals("csv") ? EVENTS + 1 : EVENTS);
            assertThat(Long.parseLong(report.group(6))).isLessThanOrEqualTo(48);
        }
    }

    private Matcher exportInSmallHeap(String format) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(), "-Xmx48m", "-cp", System.getProperty("java.class.path"),
                ExportInSmallHeap.class.getName(), url, services.username, services.password == null ? ""
                : services.password, format).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(10, TimeUnit.MINUTES)).isTrue();
        String text = new String(output, StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(text).isZero();
        Matcher report = REPORT.matcher(text);
        assertThat(report.find()).as(text).isTrue();
        System.out.println("[audit export] " + format + ": " + report.group());
        return report;
    }

    private void admin(String statement) throws SQLException {
        try (Connection connection = DriverManager.getConnection(services.adminJdbcUrl, services.username,
                services.password); Statement sql = connection.createStatement()) {
            sql.execute(statement);
        }
    }
}
