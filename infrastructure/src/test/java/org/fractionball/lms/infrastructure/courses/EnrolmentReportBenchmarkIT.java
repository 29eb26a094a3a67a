package org.fractionball.lms.infrastructure.courses;

import org.fractionball.lms.events.shared.Role;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The enrolments CSV over many rows: time to the first byte, total time, and the heap the
 * application uses while streaming (sampled every 5 ms after a GC), to show the export streams in
 * constant memory. {@code -Dbenchmark.enrolments} rows (default 50,000), each with 8 of 16 items
 * completed, inserted into the read tables with SQL. Results: docs/benchmarks.md.
 */
@Tag("benchmark")
class EnrolmentReportBenchmarkIT extends CourseApiSupport {
    static final int ENROLMENTS = Integer.getInteger("benchmark.enrolments", 50_000);

    @Test
    void theEnrolmentsReportStreamsInConstantMemory() throws Exception {
        long school = school(unique("report-bench") + ".edu");
        Account admin = account(Role.ADMIN, school);
        List<Map<String, Object>> items = new ArrayList<>();
        List<UUID> activities = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            UUID activity = activity(admin, unique("Lesson " + i));
            activities.add(activity);
            items.add(item("activity", activity));
        }
        String course = publishedCourse(admin, unique("Benchmark unit"), items);
        awaitProjections();
        long seeding = System.nanoTime();
        jdbc.update("""
                INSERT INTO user_view (id, firebase_uid, username, email, first_name, last_name, role, school_id, phone,
                                       is_active, created_at, updated_at)
                SELECT 1000000000 + n, 'bench-' || n, 'bench' || n, 'bench' || n || '@example.edu', 'Bench', 'User ' || n,
                       'TEACHER', ?, '', TRUE, now(), now()
                FROM generate_series(1, ?) n""", school, ENROLMENTS);
        jdbc.update("""
                INSERT INTO enrolment_view (id, course_id, user_id, status, enrolled_by, enrolled_at, updated_at)
                SELECT md5('bench' || n)::uuid, ?::uuid, 1000000000 + n, 'active', 1000000000 + n,
                       now() - n * interval '1 second', now()
                FROM generate_series(1, ?) n""", course, ENROLMENTS);
        for (UUID activity : activities.subList(0, 8)) {
            jdbc.update("""
                    INSERT INTO enrolment_item_view (enrolment_id, item_id, status, started_at, completed_at)
                    SELECT md5('bench' || n)::uuid, ?, 'completed', now(), now() FROM generate_series(1, ?) n""",
                    activity, ENROLMENTS);
        }
        jdbc.execute("ANALYZE user_view; ANALYZE enrolment_view; ANALYZE enrolment_item_view");
        double seedSeconds = (System.nanoTime() - seeding) / 1e9;

        Runtime runtime = Runtime.getRuntime();
        System.gc();
        long baseline = runtime.totalMemory() - runtime.freeMemory();
        AtomicLong peak = new AtomicLong(baseline);
        AtomicBoolean sampling = new AtomicBoolean(true);
        Thread sampler = new Thread(() -> {
            while (sampling.get()) {
                peak.accumulateAndGet(runtime.totalMemory() - runtime.freeMemory(), Math::max);
                try {
                    Thread.sleep(5);
                } catch (InterruptedException stop) {
                    return;
                }
            }
        });
        sampler.start();
        long start = System.nanoTime();
        HttpResponse<InputStream> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                        "http://127.0.0.1:" + port + "/api/reports/enrolments/?course=" + course))
                .header("Authorization", "Bearer " + admin.token()).build(), HttpResponse.BodyHandlers.ofInputStream());
        long bytes = 0;
        long lines = 0;
        double firstByte = -1;
        byte[] buffer = new byte[65_536];
        try (InputStream body = response.body()) {
            for (int read = body.read(buffer); read >= 0; read = body.read(buffer)) {
                if (firstByte < 0 && read > 0) {
                    firstByte = (System.nanoTime() - start) / 1e6;
                }
                bytes += read;
                for (int i = 0; i < read; i++) {
                    if (buffer[i] == '\n') {
                        lines++;
                    }
                }
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        sampling.set(false);
        sampler.join();
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(lines).isEqualTo(ENROLMENTS + 1L);
        String report = String.format("""
                enrolments report benchmark: %,d rows (8 of 16 items completed each), seeded in %.1f s
                | rows | bytes | first byte | total | rows/s | heap before | peak heap while streaming |
                |---:|---:|---:|---:|---:|---:|---:|
                | %,d | %,d | %.0f ms | %.2f s | %,.0f | %,d MB | %,d MB |
                """, ENROLMENTS, seedSeconds, ENROLMENTS, bytes, firstByte, seconds, ENROLMENTS / seconds,
                baseline >> 20, peak.get() >> 20);
        System.out.println(report);
    }
}
