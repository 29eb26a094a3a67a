package org.fractionball.lms.infrastructure.faults;

import com.fasterxml.jackson.databind.JsonNode;
import org.fractionball.lms.events.shared.Role;
import org.fractionball.lms.infrastructure.support.Api;
import org.fractionball.lms.infrastructure.support.TestServices;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fault drill: Redis stopped under use and started again. The application runs against a
 * private redis-server (never the shared one). While it is down answers stay correct (served
 * from PostgreSQL, a change shows at once), throttling lets requests through (the documented
 * fail-open), and readiness reports Redis as WARNING while staying ready; once Redis is back
 * health returns to HEALTHY and throttling counts again, with no restart of the application.
 */
class RedisOutageIT {
    private static final int USER_LIMIT = 30;
    private static final long SLOWEST_ALLOWED_MILLIS = 3_000;

    @Test
    void answers_stay_correct_throttling_opens_and_health_warns_until_redis_is_back() throws Exception {
        int port = DrillNode.freePort();
        Path directory = Files.createTempDirectory("drill-redis");
        Process redis = startRedis(port, directory);
        String database = TestServices.get().freshDatabase("redis_outage");
        try (DrillNode node = DrillNode.start(database, "redis://127.0.0.1:" + port,
                Map.of("lms.throttling.rates.user", USER_LIMIT + "/hour"))) {
            long school = node.school("redis-outage.edu");
            String teacher = node.user(Role.TEACHER, school);
            String heavy = node.user(Role.TEACHER, school);
            node.awaitProjections(Duration.ofSeconds(30));
            Api api = node.api();
            createVideo(api, teacher, "Before the outage");
            assertThat(redisCheck(api).get("status").asText()).isEqualTo("HEALTHY");
            assertThat(libraryTitles(api, teacher)).containsExactly("Before the outage");
            for (int i = 0; i < USER_LIMIT; i++) {
                assertThat(api.get("/api/me/").token(heavy).send().status()).isEqualTo(200);
            }
            assertThat(api.get("/api/me/").token(heavy).send().status()).as("over the limit").isEqualTo(429);

            redis.destroyForcibly();
            assertThat(redis.waitFor(10, TimeUnit.SECONDS)).isTrue();

            List<Long> latencies = new ArrayList<>();
            JsonNode down = timed(latencies, () -> redisCheck(api));
            assertThat(down.get("status").asText()).isEqualTo("WARNING");
            assertThat(down.get("reason").asText()).startsWith("unreachable (the app falls back to in-process state)");
            Api.Response ready = api.get("/api/readyz/").send();
            assertThat(ready.status()).isEqualTo(200);
            assertThat(ready.json().get("ready").asBoolean()).isTrue();
            assertThat(ready.json().get("status").asText()).isEqualTo("warning");

            assertThat(timed(latencies, () -> libraryTitles(api, teacher))).containsExactly("Before the outage");
            timed(latencies, () -> createVideo(api, teacher, "During the outage"));
            assertThat(timed(latencies, () -> libraryTitles(api, teacher)))
                    .containsExactlyInAnyOrder("Before the outage", "During the outage");
            for (int i = 0; i < 5; i++) {
                int status = timed(latencies, () -> api.get("/api/me/").token(heavy).send().status());
                assertThat(status).as("throttling fails open while Redis is down").isEqualTo(200);
            }
            assertThat(latencies).allSatisfy(millis -> assertThat(millis).isLessThan(SLOWEST_ALLOWED_MILLIS));

            long restarted = System.nanoTime();
            redis = startRedis(port, directory);
            while (!redisCheck(api).get("status").asText().equals("HEALTHY")) {
                assertThat(System.nanoTime() - restarted).as("Redis reported healthy again in time")
                        .isLessThan(Duration.ofSeconds(30).toNanos());
                Thread.sleep(200);
            }
            long recoveredMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - restarted);
            // the restarted Redis is empty: the heavy user's bucket starts full again and counts
            for (int i = 0; i < USER_LIMIT; i++) {
                assertThat(api.get("/api/me/").token(heavy).send().status()).isEqualTo(200);
            }
            assertThat(api.get("/api/me/").token(heavy).send().status()).as("throttled again").isEqualTo(429);
            assertThat(libraryTitles(api, teacher)).containsExactlyInAnyOrder("Before the outage", "During the outage");
            System.out.printf("[redis outage drill] slowest request while Redis was down %d ms; healthy %d ms "
                    + "after Redis restarted%n", latencies.stream().mapToLong(Long::longValue).max().orElseThrow(),
                    recoveredMillis);
        } finally {
            redis.destroyForcibly();
            redis.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static JsonNode redisCheck(Api api) {
        return api.get("/api/readyz/").send().json().get("checks").get("redis");
    }

    private static String createVideo(Api api, String token, String title) {
        Api.Response created = api.post("/api/videos/", """
                {"title": "%s", "description": "Fifths.", "grade": "4", "topic": "number_line",
                 "storage_uri": "https://example.org/redis.mp4"}""".formatted(title)).token(token).send();
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().get("id").asText();
    }

    private static List<String> libraryTitles(Api api, String token) {
        Api.Response listed = api.get("/api/library/videos/").token(token).send();
        assertThat(listed.status()).as(listed.toString()).isEqualTo(200);
        List<String> titles = new ArrayList<>();
        listed.json().get("results").forEach(video -> titles.add(video.get("title").asText()));
        return titles;
    }

    private static <T> T timed(List<Long> latencies, Supplier<T> request) {
        long start = System.nanoTime();
        T result = request.get();
        latencies.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        return result;
    }

    /** A private redis-server without persistence, answering once this returns. */
    private static Process startRedis(int port, Path directory) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--dir", directory.toString())
                .redirectErrorStream(true).redirectOutput(directory.resolve("redis.log").toFile()).start();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return process;
            } catch (IOException notYet) {
                assertThat(process.isAlive()).as("redis-server is running").isTrue();
                assertThat(System.nanoTime()).as("redis-server answered in time").isLessThan(deadline);
                Thread.sleep(50);
            }
        }
    }
}
