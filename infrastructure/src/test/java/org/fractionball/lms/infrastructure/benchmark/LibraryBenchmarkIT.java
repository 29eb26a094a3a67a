package org.fractionball.lms.infrastructure.benchmark;

import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.fractionball.lms.events.content.ContentApproved;
import org.fractionball.lms.events.content.ContentCreated;
import org.fractionball.lms.events.content.ContentDetails;
import org.fractionball.lms.events.content.ContentKind;
import org.fractionball.lms.events.content.ContentSubmittedForReview;
import org.fractionball.lms.events.content.Grade;
import org.fractionball.lms.events.content.Topic;
import org.fractionball.lms.events.shared.AggregateIds;
import org.fractionball.lms.events.shared.MetadataKeys;
import org.fractionball.lms.events.shared.Role;
import org.fractionball.lms.infrastructure.LmsApplication;
import org.fractionball.lms.infrastructure.axon.ProjectionPositions;
import org.fractionball.lms.infrastructure.bootstrap.Provisioner;
import org.fractionball.lms.infrastructure.support.LocalCertificates;
import org.fractionball.lms.infrastructure.support.LocalKeys;
import org.fractionball.lms.infrastructure.support.TestFirebase;
import org.fractionball.lms.infrastructure.support.TestServices;
import org.fractionball.lms.infrastructure.web.RequestContext;
import org.fractionball.lms.projections.ProjectionNames;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Library list pages under load, side by side with nginx serving the same bytes as a static file
 * (issue "Library and playlists", performance). The whole application runs in this JVM on a real
 * port against real PostgreSQL and Redis, with production token verification (RS256 tokens
 * minted with a local key, certificates served by a test transport). 10,000 published videos in
 * one school ({@code -Dbenchmark.videos}); 20 teachers; wrk with 200 connections rotates over (URL, token) pairs of mixed filters, orderings, pages and searches. Each target
 * gets a warm-up run, then a measured run; the app and nginx runs alternate. Results:
 * {@code infrastructure/target/library-benchmark.md} and docs/benchmarks.md.
 *
 * <p>Throttling stays on with limits far above the load, so its Redis round trips are measured
 * too. Needs {@code wrk} and {@code nginx} on the PATH ({@code apt-get install wrk nginx-light}).
 */
@Tag("benchmark")
class LibraryBenchmarkIT {
    static final int VIDEOS = Integer.getInteger("benchmark.videos", 10_000);
    static final int TEACHERS = Integer.getInteger("benchmark.teachers", 20);
    static final int CONNECTIONS = Integer.getInteger("benchmark.connections", 200);
    static final int SECONDS = Integer.getInteger("benchmark.seconds", 30);
    /**
     * Long enough for the JIT to finish on two shared cores: after 15 s the app still ran at a third
     * to a half of its steady rate (1,300–2,400 against 3,300–4,100 requests/s), and on a slower
     * machine the rate still rose after four minutes of load (the dashboard after 60 s: 969
     * requests/s, after 240 s: 2,235; docs/benchmarks.md, session 26). Also the dashboard's.
     */
    static final int WARMUP_SECONDS = Integer.getInteger("benchmark.warmup-seconds", 240);
    /** nginx compiles nothing: a short warm-up fills its caches. */
    static final int NGINX_WARMUP_SECONDS = 5;
    /** Keeps the seeded app and nginx up this long before the measured runs, for profiling by hand. */
    static final int HOLD_SECONDS = Integer.getInteger("benchmark.hold-seconds", 0);
    private static final String[] WORDS = {"fraction", "halves", "court", "number", "line", "equivalent", "decimal",
            "pizza", "relay", "compare", "ordering", "mixed", "improper", "basketball", "shots", "percent"};

    private final TestServices services = TestServices.get();

    @Test
    void libraryPagesUnderLoadComparedWithNginx() throws Exception {
        assertThat(TestFirebase.EMULATOR).as("run without FIREBASE_AUTH_EMULATOR_HOST: the benchmark verifies "
                + "RS256 signatures as production does").isFalse();
        Path work = Files.createDirectories(Path.of("target", "library-benchmark"));
        int appPort = freePort();
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(LmsApplication.class)
                .initializers(new LocalCertificates())
                .run(arguments(appPort, work, services.freshDatabase("library_bench")))) {
            Provisioner provisioner = app.getBean(Provisioner.class);
            long[] schoolId = new long[1];
            List<String> teachers = new ArrayList<>();
            List<Long> teacherIds = new ArrayList<>();
            RequestContext.runAs("system:benchmark", () -> {
                schoolId[0] = provisioner.ensureSchool("Benchmark Elementary", "bench-" + UUID.randomUUID() + ".edu");
                for (int i = 0; i < TEACHERS; i++) {
                    String uid = "bench-teacher-" + i + "-" + UUID.randomUUID().toString().substring(0, 6);
                    provisioner.ensureUser(uid, uid, uid + "@bench.edu", "Teacher", "T" + i, Role.TEACHER,
                            schoolId[0]);
                    teachers.add(uid);
                }
            });
            JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
            for (String uid : teachers) {
                teacherIds.add(jdbc.queryForObject("SELECT user_id FROM user_registry WHERE firebase_uid = ?",
                        Long.class, uid));
            }
            long seeding = System.nanoTime();
            publishVideos(app.getBean(EventStore.class), schoolId[0], teacherIds);
            awaitProjections(app, jdbc);
            double seedSeconds = (System.nanoTime() - seeding) / 1e9;
            assertThat(jdbc.queryForObject("SELECT count(*) FROM content_view WHERE school_id = ? AND "
                    + "status = 'PUBLISHED'", Long.class, schoolId[0])).isEqualTo(VIDEOS);

            List<String> urls = libraryUrls();
            Path script = work.resolve("library.lua");
            Files.writeString(script, luaScript(urls, teachers));
            String base = "http://127.0.0.1:" + appPort;
            byte[] sample = fetch(base + urls.get(0), LocalKeys.mint(TestFirebase.PROJECT_ID, teachers.get(0), Map.of()));
            for (String url : urls) {
                HttpResponse<byte[]> check = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + url))
                        .header("Authorization", "Bearer " + LocalKeys.mint(TestFirebase.PROJECT_ID, teachers.get(1),
                                Map.of())).build(), HttpResponse.BodyHandlers.ofByteArray());
                assertThat(check.statusCode()).as(url + " " + new String(check.body(), StandardCharsets.UTF_8))
                        .isEqualTo(200);
            }
            Files.write(Files.createDirectories(work.resolve("static")).resolve("page.json"), sample);
            int nginxPort = freePort();
            Process nginx = startNginx(work, nginxPort);
            try {
                String staticUrl = "http://127.0.0.1:" + nginxPort + "/page.json";
                hold(script, base, staticUrl);
                wrk(script, base, WARMUP_SECONDS);
                wrk(null, staticUrl, NGINX_WARMUP_SECONDS);
                WrkResult appResult = wrk(script, base, SECONDS);
                WrkResult nginxResult = wrk(null, staticUrl, SECONDS);
                String report = report(appResult, nginxResult, sample.length, urls.size(), seedSeconds);
                Files.writeString(Path.of("target", "library-benchmark.md"), report);
                System.out.println(report);
                assertThat(appResult.non2xx).as("non-2xx answers from the app").isZero();
                assertThat(appResult.requests).isPositive();
            } finally {
                nginx.destroy();
                nginx.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    static void hold(Path script, String base, String staticUrl) throws InterruptedException {
        if (HOLD_SECONDS > 0) {
            System.out.printf("benchmark holding %d s: app %s, nginx %s, wrk script %s%n", HOLD_SECONDS, base,
                    staticUrl, script.toAbsolutePath());
            Thread.sleep(HOLD_SECONDS * 1000L);
        }
    }

    /**
     * The application's arguments: a database of the benchmark's own (the others of a suite run leave
     * their data in the run's database), real Redis, production token checks.
     */
    String[] arguments(int port, Path work, String jdbcUrl) throws IOException {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("server.port", Integer.toString(port));
        properties.put("spring.datasource.url", jdbcUrl);
        properties.put("spring.datasource.username", services.username);
        properties.put("spring.datasource.password", services.password);
        properties.put("spring.data.redis.url", services.redisUrl);
        properties.put("lms.redis.key-prefix", services.redisKeyPrefix);
        properties.put("spring.profiles.active", "test");
        properties.put("lms.demo-data.enabled", "false");
        properties.put("lms.firebase.project-id", TestFirebase.PROJECT_ID);
        properties.put("lms.firebase.credentials-path", LocalKeys.serviceAccountFile());
        properties.put("lms.firebase.check-revoked", "false");
        properties.put("lms.storage.backend", "filesystem");
        properties.put("lms.storage.filesystem.directory", Files.createDirectories(work.resolve("storage")).toString());
        for (String scope : List.of("anon", "user", "library", "upload", "auth", "admin")) {
            properties.put("lms.throttling.rates." + scope, "1000000000/hour");
        }
        properties.put("logging.level.root", "WARN");
        // the access log line of every request would go through the test runner's stdout pipe, which production's
        // container stdout is not
        properties.put("logging.level.org.fractionball", "WARN");
        return properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
    }

    /** Each video: created, submitted and approved (three events), in batches of 1,000 events. */
    static void publishVideos(EventStore store, long schoolId, List<Long> owners) {
        Random random = new Random(42);
        List<String> grades = Grade.values();
        List<String> topics = Topic.values();
        List<DomainEventMessage<?>> batch = new ArrayList<>();
        Instant start = Instant.now().minus(Duration.ofDays(400));
        for (int i = 0; i < VIDEOS; i++) {
            UUID id = UUID.randomUUID();
            long owner = owners.get(i % owners.size());
            String aggregate = AggregateIds.content(ContentKind.VIDEO, id);
            String title = capitalized(words(random, 3)) + " " + (i + 1);
            ContentDetails details = new ContentDetails(title, words(random, 14) + ".", grades.get(random.nextInt(grades.size())),
                    topics.get(random.nextInt(topics.size())), List.of(WORDS[random.nextInt(WORDS.length)],
                    WORDS[random.nextInt(WORDS.length)]), 30 + random.nextInt(1200), 1_000_000L + random.nextInt(90_000_000),
                    "https://example.org/videos/" + id + ".mp4", "", null);
            Instant at = start.plusSeconds(i * 3000L);
            Map<String, String> metadata = Map.of(MetadataKeys.ACTOR_USER_ID, Long.toString(owner),
                    MetadataKeys.ACTOR_SCHOOL, Long.toString(schoolId));
            batch.add(new GenericDomainEventMessage<>("ContentItem", aggregate, 0,
                    new ContentCreated(id, ContentKind.VIDEO, owner, schoolId, details, null), metadata,
                    UUID.randomUUID().toString(), at));
            batch.add(new GenericDomainEventMessage<>("ContentItem", aggregate, 1,
                    new ContentSubmittedForReview(id, ContentKind.VIDEO, title, owner), metadata,
                    UUID.randomUUID().toString(), at.plusSeconds(60)));
            batch.add(new GenericDomainEventMessage<>("ContentItem", aggregate, 2,
                    new ContentApproved(id, ContentKind.VIDEO, title, owner, owners.get(0) + 1_000_000, ""), metadata,
                    UUID.randomUUID().toString(), at.plusSeconds(120)));
            if (batch.size() >= 999) {
                store.publish(batch);
                batch.clear();
            }
        }
        store.publish(batch);
    }

    private static void awaitProjections(ConfigurableApplicationContext app, JdbcTemplate jdbc) {
        long head = jdbc.queryForObject("SELECT max(global_index) FROM domain_event_entry", Long.class);
        boolean passed = app.getBean(ProjectionPositions.class).awaitPassed(List.of(ProjectionNames.CONTENT,
                ProjectionNames.ACCOUNTS), head, Duration.ofMinutes(5));
        assertThat(passed).as("projections caught up").isTrue();
    }

    /** Library pages as teachers browse them: filters, orderings, pages, page sizes and searches. */
    private static List<String> libraryUrls() {
        List<String> urls = new ArrayList<>(List.of(
                "/api/library/videos/",
                "/api/library/videos/?page=2",
                "/api/library/videos/?page=" + Math.max(1, VIDEOS / 200) + "&page_size=50",
                "/api/library/videos/?ordering=title",
                "/api/library/videos/?ordering=-duration,title",
                "/api/library/videos/?grade=3",
                "/api/library/videos/?grade=K&ordering=-created_at",
                "/api/library/videos/?topic=number_line",
                "/api/library/videos/?grade=5&topic=decimals_percents",
                "/api/library/videos/?tags=court,pizza",
                "/api/library/videos/?min_duration=120&max_duration=600",
                "/api/library/videos/?created_after=2026-01-01",
                "/api/library/videos/?created_after=2025-12-01&created_before=2026-03-31&ordering=title",
                "/api/library/videos/?status=PUBLISHED&page_size=100",
                "/api/library/videos/?search=fractions",
                "/api/library/videos/?search=adding%20halves",
                "/api/library/videos/?search=court&grade=4",
                "/api/library/videos/?search=equivalent%20fraction&ordering=-created_at",
                "/api/library/videos/?search=decimals&topic=decimals_percents&page=2",
                "/api/library/resources/",
                "/api/library/stats/"));
        for (String word : WORDS) {
            urls.add("/api/library/videos/?search=" + word);
        }
        return urls;
    }

    /** wrk script: every request takes the next (URL, teacher token) pair, round robin per thread. */
    private static String luaScript(List<String> urls, List<String> teachers) {
        // requests are formatted in init(): only then does wrk.headers carry the Host header
        StringBuilder lua = new StringBuilder("local specs = {}\nlocal requests = {}\n");
        int n = 0;
        for (String url : urls) {
            for (String uid : teachers) {
                String token = LocalKeys.mint(TestFirebase.PROJECT_ID, uid, Map.of());
                lua.append("specs[").append(++n).append("] = {\"").append(url).append("\", \"Bearer ")
                        .append(token).append("\"}\n");
            }
        }
        lua.append("""
                local counter = 0
                local threads = {}
                function setup(thread)
                  thread:set("offset", math.random(1, #specs))
                  table.insert(threads, thread)
                end
                function init(args)
                  counter = tonumber(offset) or 0
                  statuses = {}
                  for i, spec in ipairs(specs) do
                    requests[i] = wrk.format("GET", spec[1], {["Authorization"] = spec[2]})
                  end
                end
                function request()
                  counter = counter + 1
                  return requests[(counter % #requests) + 1]
                end
                function response(status, headers, body)
                  statuses[status] = (statuses[status] or 0) + 1
                end
                function done(summary, latency, requests)
                  local totals = {}
                  for _, thread in ipairs(threads) do
                    for status, count in pairs(thread:get("statuses")) do
                      totals[status] = (totals[status] or 0) + count
                    end
                  end
                  for status, count in pairs(totals) do
                    io.write(string.format("status %d: %d\\n", status, count))
                  end
                end
                """);
        return lua.toString();
    }

    static Process startNginx(Path work, int port) throws IOException, InterruptedException {
        Path root = work.toAbsolutePath();
        Files.createDirectories(root.resolve("static"));
        Files.createDirectories(root.resolve("nginx-temp"));
        Path conf = root.resolve("nginx.conf");
        Files.writeString(conf, """
                worker_processes auto;
                daemon off;
                pid %1$s/nginx.pid;
                error_log %1$s/nginx-error.log warn;
                events { worker_connections 4096; }
                http {
                  access_log off;
                  client_body_temp_path %1$s/nginx-temp;
                  proxy_temp_path %1$s/nginx-temp;
                  fastcgi_temp_path %1$s/nginx-temp;
                  uwsgi_temp_path %1$s/nginx-temp;
                  scgi_temp_path %1$s/nginx-temp;
                  keepalive_requests 1000000;
                  server {
                    listen 127.0.0.1:%2$d;
                    root %1$s/static;
                    location = /page.json { default_type application/json; }
                  }
                }
                """.formatted(root, port));
        Process process = new ProcessBuilder("nginx", "-c", conf.toString(), "-p", root.toString())
                .redirectErrorStream(true).redirectOutput(root.resolve("nginx.out").toFile()).start();
        for (int i = 0; i < 50; i++) {
            try (Socket socket = new Socket("127.0.0.1", port)) {
                return process;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("nginx did not start: " + Files.readString(root.resolve("nginx.out")));
    }

    record WrkResult(double requestsPerSecond, long requests, long non2xx, double p50, double p90, double p99,
                     double transferPerSecondMb, String raw) {
    }

    static WrkResult wrk(Path script, String url, int seconds) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("wrk", "-t2", "-c" + CONNECTIONS, "-d" + seconds + "s",
                "--latency", "--timeout", "10s"));
        if (script != null) {
            command.addAll(List.of("-s", script.toString()));
        }
        command.add(url);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0 || output.contains(".lua:")) {
            throw new IllegalStateException("wrk failed: " + output);
        }
        return new WrkResult(number(output, "Requests/sec:\\s+([\\d.]+)"),
                (long) number(output, "(\\d+) requests in"), (long) number(output, "Non-2xx or 3xx responses: (\\d+)"),
                millis(output, "50%"), millis(output, "90%"), millis(output, "99%"),
                megabytes(output), output);
    }

    private static double number(String output, String regex) {
        Matcher matcher = Pattern.compile(regex).matcher(output);
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
    }

    /** A latency percentile line of {@code --latency}, in milliseconds. */
    private static double millis(String output, String percentile) {
        Matcher matcher = Pattern.compile("\\s" + percentile + "\\s+([\\d.]+)(us|ms|s)").matcher(output);
        if (!matcher.find()) {
            return Double.NaN;
        }
        double value = Double.parseDouble(matcher.group(1));
        return switch (matcher.group(2)) {
            case "us" -> value / 1000;
            case "s" -> value * 1000;
            default -> value;
        };
    }

    private static double megabytes(String output) {
        Matcher matcher = Pattern.compile("Transfer/sec:\\s+([\\d.]+)(KB|MB|GB)").matcher(output);
        if (!matcher.find()) {
            return 0;
        }
        double value = Double.parseDouble(matcher.group(1));
        return switch (matcher.group(2)) {
            case "KB" -> value / 1024;
            case "GB" -> value * 1024;
            default -> value;
        };
    }

    private static String report(WrkResult app, WrkResult nginx, int sampleBytes, int urls, double seedSeconds) {
        return String.format(Locale.ROOT, """
                ## Library list pages: the application vs nginx serving the same bytes

                %d published videos in one school, %d teachers, %d URLs (filters, orderings, pages, searches),
                wrk -t2 -c%d, %d s measured after a %d s warm-up each; nginx serves one %d-byte page (the first
                library page) as a static file. Seeding (30,000 events + projection): %.1f s.

                | target | requests/s | p50 ms | p90 ms | p99 ms | MB/s | non-2xx |
                |---|---:|---:|---:|---:|---:|---:|
                | application (`/api/library/…`) | %.0f | %.2f | %.2f | %.2f | %.1f | %d |
                | nginx (static file) | %.0f | %.2f | %.2f | %.2f | %.1f | %d |

                Throughput ratio application / nginx: **%.1f %%**; application p99 **%.2f ms**.

                <details><summary>wrk output</summary>

                ```
                %s
                %s
                ```
                </details>
                """, VIDEOS, TEACHERS, urls, CONNECTIONS, SECONDS, WARMUP_SECONDS, sampleBytes, seedSeconds,
                app.requestsPerSecond, app.p50, app.p90, app.p99, app.transferPerSecondMb, app.non2xx,
                nginx.requestsPerSecond, nginx.p50, nginx.p90, nginx.p99, nginx.transferPerSecondMb, nginx.non2xx,
                100 * app.requestsPerSecond / nginx.requestsPerSecond, app.p99, app.raw.strip(), nginx.raw.strip());
    }

    static byte[] fetch(String url, String token) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    private static String words(Random random, int count) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < count; i++) {
            text.append(i == 0 ? "" : " ").append(WORDS[random.nextInt(WORDS.length)]);
        }
        return text.toString();
    }

    private static String capitalized(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
