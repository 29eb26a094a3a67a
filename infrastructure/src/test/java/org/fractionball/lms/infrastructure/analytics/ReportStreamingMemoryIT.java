package org.fractionball.lms.infrastructure.analytics;

import org.fractionball.lms.events.shared.Role;
import org.fractionball.lms.infrastructure.support.TestServices;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A 1,000,000-row views report streams in constant memory: the rows are inserted by SQL and the
 * report is written by the production {@code ReportStreams} in a separate JVM limited to a 64 MB heap
 * (the CSV alone is about 185 MB), which must finish and count every row.
 */
class ReportStreamingMemoryIT extends AnalyticsApiSupport {
    private static final Logger log = LoggerFactory.getLogger(ReportStreamingMemoryIT.class);
    private static final int ROWS = 1_000_000;

    @Test
    void aMillionRowReportStreamsWithin64MegabytesOfHeap() throws IOException, InterruptedException {
        long school = school(unique("report-memory") + ".edu");
        Account owner = account(Role.TEACHER, school);
        Account admin = account(Role.SCHOOL_ADMIN, school);
        Item video = publishedVideo(owner, admin, "Streamed", "3", "number_line",
                Instant.parse("2025-01-01T00:00:00Z"));
        awaitProjections();
        jdbc.update("""
                INSERT INTO video_view_session (id, video_id, user_id, school_id, session_id, duration_watched,
                                                completion_percentage, referrer, viewed_at)
                SELECT gen_random_uuid(), ?, ?, ?, 'bulk-session-' || n, n % 600, (n % 100) / 100.0, '',
                       timestamptz '2025-02-01 00:00:00+00' + n * interval '1 second'
                FROM generate_series(1, ?) AS n""", video.id, owner.id(), school, ROWS);
        try {
            TestServices services = TestServices.get();
            Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx64m", "-cp", System.getProperty("java.class.path"), ReportStreamingMain.class.getName(),
                    services.jdbcUrl(), services.username, services.password, Long.toString(school), "2025-02-01",
                    "2025-02-28").redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
            assertThat(process.exitValue()).as(output).isZero();
            List<String> figures = List.of(output.substring(output.lastIndexOf('\n') + 1).split(" "));
            log.info("1,000,000-row views report: {} rows, {} bytes, peak heap {} of max {} bytes", figures.get(0),
                    figures.get(1), figures.get(2), figures.get(3));
            assertThat(Long.parseLong(figures.get(0))).isEqualTo(ROWS);
            assertThat(Long.parseLong(figures.get(1))).as("the CSV is larger than the heap")
                    .isGreaterThan(2L * Long.parseLong(figures.get(3)));
        } finally {
            jdbc.update("DELETE FROM video_view_session WHERE school_id = ?", school);
        }
    }
}
