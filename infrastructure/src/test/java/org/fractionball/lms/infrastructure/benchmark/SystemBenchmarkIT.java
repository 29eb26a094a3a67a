package org.fractionball.lms.infrastructure.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.api.client.http.HttpTransport;
import org.fractionball.lms.infrastructure.LmsApplication;
import org.fractionball.lms.infrastructure.benchmark.LibraryBenchmarkIT.WrkResult;
import org.fractionball.lms.infrastructure.support.LocalKeys;
import org.fractionball.lms.infrastructure.support.TestFirebase;
import org.fractionball.lms.infrastructure.support.TestServices;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Bean;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rest of the benchmark suite (issue "Proof at scale", {@code make bench}): the application as
 * a process of its own on real PostgreSQL and Redis, measured from outside as an operator would.
 * <ul>
 *   <li>start time of the jar: to the first ready answer of {@code /api/readyz/} on a new database
 *   (migrations included) and again on the migrated one; then as the Docker image starts it
 *   ({@code ops/scripts/run_app.sh} on the extracted jar), once recording the class-data archive and
 *   once mapping it (the test fails if the first stop leaves no archive);</li>
 *   <li>commands/s through HTTP ({@code POST /api/playlists/}: a new aggregate per request, a durable
 *   commit each) under {@code -Dbenchmark.connections} connections, beside pgbench inserting single
 *   rows into a table shaped like {@code domain_event_entry}, with its hash-chain trigger, with the same
 *   client count;</li>
 *   <li>read-your-writes visibility lag: from the acknowledged POST to the row in the playlist read
 *   table (p50/p99 of {@code -Dbenchmark.lag-samples});</li>
 *   <li>the process's peak resident memory during the command load.</li>
 * </ul>
 * Tokens are RS256, minted with a local key and verified as production does. Results:
 * {@code infrastructure/target/system-benchmark.md} and docs/benchmarks.md.
 */
@Tag("benchmark")
class SystemBenchmarkIT {
    static final int SECONDS = Integer.getInteger("benchmark.seconds", 30);
    static final int WARMUP_SECONDS = Integer.getInteger("benchmark.warmup-seconds", 15);
    static final int TEACHERS = Integer.getInteger("benchmark.teachers", 20);
    static final int LAG_SAMPLES = Integer.getInteger("benchmark.lag-samples", 500);
    static final String HEAP = System.getProperty("benchmark.heap", "512m");
    /** Keeps the app up this long after the warm-up, before the measured run, for profiling by hand. */
    static final int HOLD_SECONDS = Integer.getInteger("benchmark.hold-seconds", 0);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final TestServices services = TestServices.get();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void commandsVisibilityMemoryAndStart() throws Exception {
        Path work = Files.createDirectories(Path.of("target", "system-benchmark"));
        Path jar = Path.of("target", "lms.jar");
        assertThat(jar).as("the packaged jar (the package phase runs before the integration tests)").exists();
        String database = services.freshDatabase("system_bench");

        int port = LibraryBenchmarkIT.freePort();
        double coldStart = startAndStop(jar, database, port, work.resolve("cold.log"));
        double warmStart = startAndStop(jar, database, port, work.resolve("warm.log"));
        double[] archivedStart = startAsShipped(jar, database, port, work);

        runCli(database, work, "admin", "create", "--uid", "bench-admin", "--email", "admin@bench.example");
        Process app = startApp(database, port, work.resolve("app.log"));
        try {
            timeToReady(app, port);
            String base = "http://127.0.0.1:" + port;
            String admin = LocalKeys.mint(TestFirebase.PROJECT_ID, "bench-admin", Map.of());
            long school = post(base + "/api/schools/", admin, Map.of("name", "Benchmark Elementary",
                    "domain", "bench-" + UUID.randomUUID().toString().substring(0, 8) + ".edu")).get("id").asLong();
            List<String> tokens = new ArrayList<>();
            for (int i = 0; i < TEACHERS; i++) {
                String uid = "bench-teacher-" + i;
                post(base + "/api/admin/users/", admin, Map.of("firebase_uid", uid, "username", uid,
                        "email", uid + "@bench.example", "role", "TEACHER", "school", school));
                tokens.add(LocalKeys.mint(TestFirebase.PROJECT_ID, uid, Map.of()));
            }
            Path script = work.resolve("commands.lua");
            Files.writeString(script, commandScript(tokens));

            LibraryBenchmarkIT.wrk(script, base + "/api/playlists/", WARMUP_SECONDS);
            if (HOLD_SECONDS > 0) {
                System.out.printf("benchmark holding %d s: app %s (pid %d), wrk script %s%n", HOLD_SECONDS, base,
                        app.pid(), script.toAbsolutePath());
                Thread.sleep(HOLD_SECONDS * 1000L);
            }
            String created = "SELECT count(*) FROM domain_event_entry WHERE payload_type LIKE '%PlaylistCreated'";
            long before = count(database, created);
            MemorySampler memory = new MemorySampler(app.pid());
            memory.start();
            WrkResult commands = LibraryBenchmarkIT.wrk(script, base + "/api/playlists/", SECONDS);
            memory.stop();
            long stored = count(database, created) - before;

            double[] lag = visibilityLag(base, tokens.get(0), database);
            PgbenchResult pgbench = pgbench(database, work);

            String report = report(coldStart, warmStart, archivedStart, commands, stored, pgbench, lag, memory.peakKb());
            Files.writeString(Path.of("target", "system-benchmark.md"), report);
            System.out.println(report);
            assertThat(commands.non2xx()).as("refused commands").isZero();
            assertThat(stored).as("every acknowledged command is stored")
                    .isGreaterThanOrEqualTo(commands.requests());
        } finally {
            stop(app);
        }
    }

    /** Seconds for the packaged jar, as it ships, to answer ready on the given database; stopped after. */
    private double startAndStop(Path jar, String database, int port, Path log) throws Exception {
        List<String> command = new ArrayList<>(List.of(java(), "-Xmx" + HEAP, "-jar", jar.toString()));
        command.addAll(arguments(database, port));
        Process process = launch(command, log);
        try {
            return timeToReady(process, port);
        } finally {
            stop(process);
        }
    }

    /**
     * Seconds to ready as the Docker image starts it ({@code ops/scripts/run_app.sh} on the extracted jar):
     * the first start, which records the class-data archive when it is stopped, and the next, which maps it.
     */
    private double[] startAsShipped(Path jar, String database, int port, Path work) throws Exception {
        Path extracted = work.resolve("extracted").toAbsolutePath();
        Process extract = new ProcessBuilder(java(), "-Djarmode=tools", "-jar", jar.toString(), "extract",
                "--destination", extracted.toString(), "--force").redirectErrorStream(true)
                .redirectOutput(work.resolve("extract.log").toFile()).start();
        assertThat(extract.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(extract.exitValue()).as(Files.readString(work.resolve("extract.log"))).isZero();
        Path archive = extracted.resolve("cds").resolve("lms.jsa");
        Files.deleteIfExists(archive);
        double[] seconds = new double[2];
        for (int i = 0; i < seconds.length; i++) {
            List<String> command = new ArrayList<>(List.of(Path.of("..", "ops", "scripts", "run_app.sh")
                    .toAbsolutePath().normalize().toString()));
            command.addAll(arguments(database, port));
            ProcessBuilder builder = new ProcessBuilder(command);
            builder.environment().putAll(Map.of("APP_DIR", extracted.toString(), "JAVA", java(),
                    "JAVA_TOOL_OPTIONS", "-Xmx" + HEAP));
            Process process = launch(builder, work.resolve("shipped-" + i + ".log"));
            try {
                seconds[i] = timeToReady(process, port);
            } finally {
                stop(process);
            }
            assertThat(archive).as("the class-data archive recorded at the first stop").isNotEmptyFile();
        }
        return seconds;
    }

    /** The application from the test classpath, so that it verifies locally minted RS256 tokens. */
    private Process startApp(String database, int port, Path log) throws IOException {
        List<String> command = new ArrayList<>(List.of(java(), "-Xmx" + HEAP, "-XX:+UseG1GC",
                "-D" + LocalKeys.SHARED_KEYS_PROPERTY + "=" + LocalKeys.exportedKeys(), "-cp",
                System.getProperty("java.class.path"), LmsApplication.class.getName()));
        command.addAll(arguments(database, port));
        command.add("--spring.main.sources=" + ChildCertificates.class.getName());
        command.add("--lms.firebase.credentials-path=" + LocalKeys.serviceAccountFile());
        command.add("--lms.firebase.check-revoked=false");
        return launch(command, log);
    }

    /** A CLI command of the jar; its words take no options, so the configuration goes by environment. */
    private void runCli(String database, Path work, String... words) throws Exception {
        List<String> command = new ArrayList<>(List.of(java(), "-cp", System.getProperty("java.class.path"),
                LmsApplication.class.getName()));
        command.addAll(Arrays.asList(words));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(work.resolve("cli.log").toFile());
        for (String variable : List.of("DATABASE_URL", "REDIS_URL", "FIREBASE_AUTH_EMULATOR_HOST")) {
            builder.environment().remove(variable);
        }
        builder.environment().putAll(Map.of("SPRING_DATASOURCE_URL", database,
                "SPRING_DATASOURCE_USERNAME", services.username, "SPRING_DATASOURCE_PASSWORD",
                services.password == null ? "" : services.password, "SPRING_DATA_REDIS_URL", services.redisUrl,
                "LMS_REDIS_KEY_PREFIX", services.redisKeyPrefix, "SPRING_PROFILES_ACTIVE", "test",
                "LMS_DEMO_DATA_ENABLED", "false", "LMS_FIREBASE_PROJECT_ID", TestFirebase.PROJECT_ID));
        Process cli = builder.start();
        assertThat(cli.waitFor(3, TimeUnit.MINUTES)).isTrue();
        assertThat(cli.exitValue()).as(Files.readString(work.resolve("cli.log"))).isZero();
    }

    private List<String> arguments(String database, int port) {
        List<String> arguments = new ArrayList<>(List.of("--server.port=" + port,
                "--spring.datasource.url=" + database, "--spring.datasource.username=" + services.username,
                "--spring.datasource.password=" + services.password, "--spring.data.redis.url=" + services.redisUrl,
                "--lms.redis.key-prefix=" + services.redisKeyPrefix, "--spring.profiles.active=test",
                "--lms.demo-data.enabled=false", "--lms.firebase.project-id=" + TestFirebase.PROJECT_ID,
                "--lms.storage.backend=filesystem",
                "--lms.storage.filesystem.directory=" + Path.of("target", "system-benchmark", "storage").toAbsolutePath(),
                "--logging.level.root=WARN", "--logging.level.org.fractionball=WARN"));
        for (String scope : List.of("anon", "user", "library", "upload", "auth", "admin")) {
            arguments.add("--lms.throttling.rates." + scope + "=1000000000/hour");
        }
        return arguments;
    }

    private static Process launch(List<String> command, Path log) throws IOException {
        return launch(new ProcessBuilder(command), log);
    }

    private static Process launch(ProcessBuilder builder, Path log) throws IOException {
        builder.redirectErrorStream(true).redirectOutput(log.toFile());
        // as the Dockerfile ships it
        builder.environment().put("MALLOC_ARENA_MAX", "2");
        // the database, Redis and token checks are given as arguments; the runbook's variables would point elsewhere
        for (String variable : List.of("DATABASE_URL", "REDIS_URL", "FIREBASE_AUTH_EMULATOR_HOST")) {
            builder.environment().remove(variable);
        }
        return builder.start();
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Seconds from the process start to the first 200 of {@code /api/readyz/}. */
    private double timeToReady(Process process, int port) throws Exception {
        long started = process.info().startInstant().map(i -> i.toEpochMilli()).orElse(System.currentTimeMillis());
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/readyz/"))
                .timeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (System.nanoTime() < deadline) {
            assertThat(process.isAlive()).as("the application exited while starting").isTrue();
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return (System.currentTimeMillis() - started) / 1000.0;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("the application did not become ready within 3 minutes");
    }

    private static void stop(Process process) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    private JsonNode post(String url, String token, Map<String, Object> body) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(url + " " + response.body()).isEqualTo(201);
        return JSON.readTree(response.body());
    }

    /** wrk script: each request a new playlist, round robin over the teachers' tokens. */
    private static String commandScript(List<String> tokens) {
        StringBuilder lua = new StringBuilder("local tokens = {}\n");
        for (int i = 0; i < tokens.size(); i++) {
            lua.append("tokens[").append(i + 1).append("] = \"Bearer ").append(tokens.get(i)).append("\"\n");
        }
        lua.append("""
                local counter = 0
                local thread_id = 0
                local threads = 0
                function setup(thread)
                  threads = threads + 1
                  thread:set("thread_id", threads)
                end
                function request()
                  counter = counter + 1
                  local token = tokens[(counter % #tokens) + 1]
                  local body = '{"name": "Benchmark playlist ' .. thread_id .. '-' .. counter .. '", "description": "Court games for week ' .. counter .. '"}'
                  return wrk.format("POST", nil, {["Authorization"] = token, ["Content-Type"] = "application/json"}, body)
                end
                """);
        return lua.toString();
    }

    /** Milliseconds from the acknowledged POST to its row in the read table: p50, p99, max. */
    private double[] visibilityLag(String base, String token, String database) throws Exception {
        double[] lags = new double[LAG_SAMPLES];
        try (Connection connection = services.connect(database);
             PreparedStatement visible = connection.prepareStatement("SELECT 1 FROM playlist_view WHERE id = ?")) {
            for (int i = 0; i < LAG_SAMPLES; i++) {
                JsonNode created = post(base + "/api/playlists/", token, Map.of("name", "Lag probe " + i));
                long acknowledged = System.nanoTime();
                UUID id = UUID.fromString(created.get("id").asText());
                visible.setObject(1, id);
                while (true) {
                    try (ResultSet rows = visible.executeQuery()) {
                        if (rows.next()) {
                            break;
                        }
                    }
                    assertThat(System.nanoTime() - acknowledged).as("visible within 30 s")
                            .isLessThan(TimeUnit.SECONDS.toNanos(30));
                }
                lags[i] = (System.nanoTime() - acknowledged) / 1e6;
            }
        }
        Arrays.sort(lags);
        return new double[]{percentile(lags, 0.50), percentile(lags, 0.99), lags[lags.length - 1]};
    }

    private static double percentile(double[] sorted, double fraction) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(fraction * sorted.length) - 1)];
    }

    record PgbenchResult(double transactionsPerSecond, double averageLatencyMs, int clients, String raw) {
    }

    /** pgbench: one single-row insert per transaction into an event-shaped table, same clients and duration. */
    private PgbenchResult pgbench(String database, Path work) throws Exception {
        try (Connection connection = services.connect(database)) {
            connection.createStatement().execute("""
                    CREATE TABLE bench_event_entry (LIKE domain_event_entry INCLUDING DEFAULTS INCLUDING CONSTRAINTS
                    INCLUDING INDEXES)""");
            // the same append-time hash chain as the event store's (a new aggregate's first event)
            connection.createStatement().execute("""
                    CREATE TRIGGER bench_event_entry_chain BEFORE INSERT ON bench_event_entry
                    FOR EACH ROW EXECUTE FUNCTION domain_event_entry_chain()""");
        }
        Path script = work.resolve("insert-event.sql");
        Files.writeString(script, """
                INSERT INTO bench_event_entry (global_index, event_identifier, aggregate_identifier, sequence_number, type,
                  payload, payload_type, payload_revision, meta_data, time_stamp)
                VALUES (nextval('bench_event_seq'), gen_random_uuid()::text, 'playlist-' || gen_random_uuid(), 0, 'Playlist',
                  convert_to('{"playlistId":"6f1c1f8e-2f0a-4a53-9d8c-1b9a7d1c0e11","name":"Benchmark playlist","description":"Court games for week 1","isPublic":false,"ownerId":1000001,"schoolId":1}', 'UTF8'),
                  'org.fractionball.lms.events.playlists.PlaylistCreated', null,
                  convert_to('{"actorUserId":"1000001","actorSchool":"1","ip":"127.0.0.1","correlationId":"6f1c1f8e"}', 'UTF8'),
                  now()::text);
                """);
        try (Connection connection = services.connect(database)) {
            connection.createStatement().execute("CREATE SEQUENCE bench_event_seq");
        }
        int clients = LibraryBenchmarkIT.CONNECTIONS;
        URI uri = URI.create(database.substring("jdbc:".length()));
        List<String> command = List.of(pgbenchBinary(), "-n", "-c", Integer.toString(clients), "-j", "2",
                "-T", Integer.toString(SECONDS), "-f", script.toString(), "-h", uri.getHost(),
                "-p", Integer.toString(uri.getPort()), "-U", services.username, uri.getPath().substring(1));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("PGPASSWORD", services.password == null ? "" : services.password);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(output).isZero();
        return new PgbenchResult(number(output, "tps = ([\\d.]+)"), number(output, "latency average = ([\\d.]+) ms"),
                clients, output);
    }

    private static String pgbenchBinary() {
        for (String candidate : List.of("/usr/lib/postgresql/15/bin/pgbench", "/usr/lib/postgresql/16/bin/pgbench",
                "/usr/bin/pgbench")) {
            if (new File(candidate).canExecute()) {
                return candidate;
            }
        }
        return "pgbench";
    }

    private long count(String database, String sql) throws SQLException {
        try (Connection connection = services.connect(database);
             ResultSet rows = connection.createStatement().executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static double number(String output, String regex) {
        Matcher matcher = Pattern.compile(regex).matcher(output);
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : Double.NaN;
    }

    /** Peak resident set size of a process, sampled every 100 ms from /proc. */
    static final class MemorySampler {
        private final long pid;
        private final AtomicLong peakKb = new AtomicLong();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private Thread thread;

        MemorySampler(long pid) {
            this.pid = pid;
        }

        void start() {
            thread = new Thread(() -> {
                while (running.get()) {
                    peakKb.accumulateAndGet(residentKb(), Math::max);
                    try {
                        Thread.sleep(100);
                    } catch (InterruptedException stopped) {
                        return;
                    }
                }
            }, "rss-sampler");
            thread.start();
        }

        void stop() throws InterruptedException {
            running.set(false);
            thread.join();
        }

        long peakKb() {
            return peakKb.get();
        }

        private long residentKb() {
            try {
                for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                    if (line.startsWith("VmRSS:")) {
                        return Long.parseLong(line.replaceAll("\\D+", ""));
                    }
                }
            } catch (IOException gone) {
                return 0;
            }
            return 0;
        }
    }

    private static String report(double coldStart, double warmStart, double[] archivedStart, WrkResult commands,
                                 long stored, PgbenchResult pgbench, double[] lag, long peakKb) {
        return String.format(Locale.ROOT, """
                ## Commands, visibility lag, memory and start time (SystemBenchmarkIT)

                | measure | application | baseline | ratio | target |
                |---|---:|---:|---:|---|
                | commands/s (POST /api/playlists/, %d connections) | %.0f (p50 %.1f ms, p99 %.1f ms) | pgbench single-row inserts: %.0f tps (avg %.1f ms) | %.2f× | ≥ 3,000/s and ≥ 0.6× |
                | acknowledged commands stored | %d of %d | | | all |
                | visibility lag, POST ack → read table (%d samples) | p50 %.1f ms, p99 %.1f ms, max %.1f ms | | | p99 ≤ 50 ms |
                | peak RSS under the command load (-Xmx%s) | %.0f MB | | | ≤ 768 MB |
                | start to ready: new database (migrations) / migrated database | %.1f s / %.1f s | | | ≤ 10 s |
                | start to ready as the image runs it (run_app.sh, extracted jar): first start / with its class-data archive | %.1f s / %.1f s | | | ≤ 10 s |

                <details><summary>wrk and pgbench output</summary>

                ```
                %s
                %s
                ```
                </details>
                """, LibraryBenchmarkIT.CONNECTIONS, commands.requestsPerSecond(), commands.p50(), commands.p99(),
                pgbench.transactionsPerSecond(), pgbench.averageLatencyMs(),
                commands.requestsPerSecond() / pgbench.transactionsPerSecond(), stored, commands.requests(),
                LAG_SAMPLES, lag[0], lag[1], lag[2], HEAP, peakKb / 1024.0, coldStart, warmStart, archivedStart[0],
                archivedStart[1],
                commands.raw().strip(), pgbench.raw().strip());
    }

    /**
     * {@link org.fractionball.lms.infrastructure.support.LocalCertificates} for the app in a process of
     * its own, as a source (given as {@code context.initializer.classes} it left tokens unverifiable
     * there). Not a {@code @Configuration}, so component scanning leaves it out of other contexts; as
     * a source its bean method still counts.
     */
    static class ChildCertificates {
        @Bean
        HttpTransport firebaseCertificates() {
            return LocalKeys.certificateTransport();
        }
    }
}
