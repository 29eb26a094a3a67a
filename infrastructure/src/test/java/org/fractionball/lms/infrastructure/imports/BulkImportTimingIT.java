package org.fractionball.lms.infrastructure.imports;

import com.fasterxml.jackson.databind.JsonNode;
import org.fractionball.lms.events.shared.Role;
import org.fractionball.lms.infrastructure.support.Api;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A 1,000-row import (every row valid, so 1,000 items are created) completes within 10 s of the
 * upload, as seen by the uploader polling its status. Tagged "benchmark": the import is CPU-bound,
 * so on a shared machine the time depends on the load (docs/benchmarks.md has the numbers); run
 * it with {@code -Dgroups=benchmark}.
 */
@Tag("benchmark")
class BulkImportTimingIT extends BulkImportSupport {
    private static final int ROWS = 1000;

    @Test
    void a_thousand_row_import_completes_within_ten_seconds() {
        String teacher = user(Role.TEACHER, school(unique("bulk-timing") + ".edu"));
        String token = tokenFor(teacher);
        // one small import first, so the measured one does not pay for warming up code paths
        upload(token, "warm-up.csv", "title,storage_uri\r\nWarm up,https://videos.example.org/w.mp4\r\n", null);
        StringBuilder csv = new StringBuilder("title,description,grade,topic,tags,duration,storage_uri\r\n");
        for (int row = 1; row <= ROWS; row++) {
            csv.append("Drill ").append(row).append(",Passing and scoring with fractions,")
                    .append(row % 9 == 0 ? "K" : Integer.toString(row % 9)).append(",fractions_basics,")
                    .append("\"drill,court\",").append(120 + row).append(",https://videos.example.org/drill-")
                    .append(row).append(".mp4\r\n");
        }

        Duration cpuBefore = cpu();
        long started = System.nanoTime();
        Api.Response response = upload(token, "thousand.csv", csv.toString(), null);
        long accepted = System.nanoTime();
        JsonNode status = awaitFinished(token, response.json().get("job_id").asText(), Duration.ofSeconds(60));
        long finished = System.nanoTime();
        Duration cpuUsed = cpu().minus(cpuBefore);

        assertThat(response.status()).isEqualTo(201);
        assertThat(status.get("status").asText()).isEqualTo("COMPLETED");
        assertThat(status.get("successful_imports").asInt()).isEqualTo(ROWS);
        double uploadSeconds = (accepted - started) / 1e9;
        double totalSeconds = (finished - started) / 1e9;
        System.out.printf("[bulk import] %d rows: upload answered in %.3f s, job completed after %.3f s "
                + "(processing_time %s s); this JVM used %.1f s of CPU meanwhile; load average %s%n", ROWS,
                uploadSeconds, totalSeconds, status.get("processing_time"), cpuUsed.toMillis() / 1e3, loadAverage());
        assertThat(totalSeconds).isLessThan(10.0);
    }

    /** CPU time of this JVM (application and test): the import is CPU-bound, so this says what it costs. */
    private static Duration cpu() {
        return ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO);
    }

    /** The 1/5/15-minute load averages, to read the timing against. */
    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (IOException unavailable) {
            return "unknown";
        }
    }
}
