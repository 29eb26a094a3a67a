package org.fractionball.lms.infrastructure.axon;

import org.axonframework.config.EventProcessingConfiguration;
import org.flywaydb.core.Flyway;
import org.fractionball.lms.infrastructure.LmsApplication;
import org.fractionball.lms.infrastructure.support.TestFirebase;
import org.fractionball.lms.infrastructure.support.TestServices;
import org.fractionball.lms.projections.ProjectionNames;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Replay throughput of the accounts projection under Axon's tracking and pooled streaming
 * processors, to choose {@code axon.eventhandling.processors.accounts.*} in
 * {@code application.yml}. Results and the choice: {@code docs/benchmarks.md}.
 *
 * <p>{@value #DEFAULT_EVENTS} {@code SchoolRegistered} events (one new School aggregate each) are
 * inserted with SQL into a database of its own ({@link TestServices}). Then, per configuration,
 * the accounts tokens and read tables are cleared, so the processor starts from the tail, and the
 * whole application starts in this JVM with that configuration. The replay is timed from the
 * moment the processor writes its token segments (it does so as it starts, right before its first
 * read) until every segment's token has passed the last event ({@link ProjectionPositions},
 * polled every 10 ms); the context's start-up before that is reported apart. Each configuration
 * runs {@code benchmark.rounds} times (rounds interleaved) and the table shows the best round.
 * Only completion and the row count are asserted: it is a benchmark, not a timed test.
 *
 * <p>The machine is shared, so before each run the benchmark waits (up to 5 s) for it to be
 * idle, and for each run it reports how many cores other processes used meanwhile (from
 * {@code /proc}: all busy CPU minus this JVM minus the PostgreSQL backends of its database), and
 * the CPU time the replay cost per event (this JVM plus those backends), which other load
 * disturbs much less than the throughput.
 *
 * <p>Tagged "benchmark": the default failsafe execution leaves it out unless asked for with
 * {@code -Dgroups=benchmark}; the command is in {@code docs/benchmarks.md}. Sizes:
 * {@code -Dbenchmark.events}, {@code -Dbenchmark.short-run-events}, {@code -Dbenchmark.rounds},
 * passed to the forked JVM with {@code -DargLine="…"}.
 */
@Tag("benchmark")
class ProcessorReplayBenchmarkIT {
    private static final int DEFAULT_EVENTS = 100_000;
    private static final int EVENTS = Integer.getInteger("benchmark.events", DEFAULT_EVENTS);
    /** Configuration (a) commits one event per transaction; it replays this many events only. */
    private static final int SHORT_RUN_EVENTS = Math.min(EVENTS, Integer.getInteger("benchmark.short-run-events", 20_000));
    private static final int ROUNDS = Integer.getInteger("benchmark.rounds", 2);
    private static final int INSERT_BATCH = 1_000;
    private static final long POLL_MILLIS = 10;
    private static final Duration TIMEOUT = Duration.ofMinutes(5);
    private static final Duration MAX_QUIET_WAIT = Duration.ofSeconds(5);
    private static final Instant FIRST_EVENT_AT = Instant.parse("2026-11-28T21:00:00Z");
    private static final DateTimeFormatter AXON_TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final String ACCOUNTS = ProjectionNames.ACCOUNTS;

    /**
     * One processor configuration. {@code shortRun}: replays the first {@link #SHORT_RUN_EVENTS}
     * events only. {@code dlqCache}: turns on Axon's sequence identifier cache for the dead-letter
     * queue that application.yml enables (without it the queue is asked about every event).
     */
    record Configuration(String label, String mode, int batchSize, int segments, int threads, boolean shortRun,
                         boolean dlqCache) {
        String describe() {
            return mode + ", batch " + batchSize + ", " + segments + (segments == 1 ? " segment, " : " segments, ")
                    + threads + (threads == 1 ? " thread" : " threads") + (dlqCache ? ", DLQ cache" : "");
        }
    }

    record Run(long events, long startupMillis, long replayMillis, double otherCores, double cpuMicrosPerEvent) {
        double eventsPerSecond() {
            return events * 1000.0 / Math.max(1, replayMillis);
        }
    }

    private static final Configuration WARM_UP = new Configuration("warm-up", "tracking", 100, 1, 1, true, false);

    private static final List<Configuration> CONFIGURATIONS = List.of(
            new Configuration("a", "tracking", 1, 1, 1, true, false),
            new Configuration("b", "tracking", 100, 1, 1, false, false),
            new Configuration("c", "tracking", 100, 2, 2, false, false),
            new Configuration("d", "pooled", 100, 2, 2, false, false),
            new Configuration("e", "tracking", 1000, 2, 2, false, false),
            new Configuration("f", "pooled", 1000, 2, 2, false, false),
            // beyond the six asked for: what the dead-letter queue's lookup of every event costs
            new Configuration("g", "tracking", 100, 1, 1, false, true),
            new Configuration("h", "tracking", 1000, 2, 2, false, true),
            new Configuration("i", "pooled", 1000, 2, 2, false, true));

    private final TestServices services = TestServices.get();

    @Test
    void replay_throughput_of_the_accounts_projection_per_processor_configuration() throws Exception {
        System.setProperty("axoniq.update-checker.disabled", "true");
        Flyway.configure().dataSource(services.jdbcUrl(), services.username, services.password)
                .locations("classpath:db/migration").load().migrate();

        long insertStarted = System.nanoTime();
        insertSchoolRegistrations(EVENTS);
        long insertMillis = (System.nanoTime() - insertStarted) / 1_000_000;
        long lastIndex = globalIndexOfEvent(EVENTS);
        long shortRunIndex = globalIndexOfEvent(SHORT_RUN_EVENTS);
        log("%,d SchoolRegistered events inserted in %,d ms (global index %d..%d)", EVENTS, insertMillis,
                globalIndexOfEvent(1), lastIndex);

        // the warm-up also lets every other processor of the app catch up, so they stay idle later
        Run warmUp = replay(WARM_UP, shortRunIndex, SHORT_RUN_EVENTS, lastIndex);
        log("warm-up (%s), not reported: %,d events, %,.0f events/s", WARM_UP.describe(), warmUp.events(),
                warmUp.eventsPerSecond());

        Map<Configuration, List<Run>> runs = new LinkedHashMap<>();
        for (int round = 1; round <= ROUNDS; round++) {
            for (Configuration configuration : CONFIGURATIONS) {
                long events = configuration.shortRun() ? SHORT_RUN_EVENTS : EVENTS;
                Run run = replay(configuration, configuration.shortRun() ? shortRunIndex : lastIndex, events, 0);
                runs.computeIfAbsent(configuration, c -> new ArrayList<>()).add(run);
                log("round %d (%s) %s: %,d events in %,d ms = %,.0f events/s, %.0f µs CPU per event, start-up "
                                + "%,d ms, other processes %.2f cores", round, configuration.label(),
                        configuration.describe(), run.events(), run.replayMillis(), run.eventsPerSecond(),
                        run.cpuMicrosPerEvent(), run.startupMillis(), run.otherCores());
            }
        }

        String table = table(runs);
        System.out.println();
        System.out.println(table);
        Path report = Path.of("target", "processor-replay-benchmark.md");
        Files.createDirectories(report.getParent());
        Files.writeString(report, table);
    }

    /**
     * Clears the accounts projection, starts the app with {@code configuration} and times the
     * replay up to {@code untilIndex}; then, when {@code othersUntilIndex} is positive, waits until
     * every other processor with tokens has passed that index too.
     */
    private Run replay(Configuration configuration, long untilIndex, long events, long othersUntilIndex)
            throws Exception {
        try (Connection connection = services.connect()) {
            execute(connection, "DELETE FROM token_entry WHERE processor_name = '" + ACCOUNTS + "'");
            execute(connection, "DELETE FROM dead_letter_entry WHERE processing_group = '" + ACCOUNTS + "'");
            execute(connection, "TRUNCATE school_view, user_view");
        }
        System.gc();
        Cpu.awaitIdle(MAX_QUIET_WAIT);

        long started = System.nanoTime();
        long passed;
        Cpu atEnd;
        String processor;
        TokenWatcher tokens = new TokenWatcher(started);
        try (Connection connection = services.connect()) {
            tokens.start();
            try (ConfigurableApplicationContext context = new SpringApplicationBuilder(LmsApplication.class)
                    .web(WebApplicationType.NONE)
                    .logStartupInfo(false)
                    // command-line arguments outrank application.yml, which sets the processor too
                    .run(arguments(configuration))) {
                ProjectionPositions positions = context.getBean(ProjectionPositions.class);
                processor = context.getBean(EventProcessingConfiguration.class).eventProcessor(ACCOUNTS)
                        .orElseThrow().getClass().getSimpleName();
                long deadline = started + TIMEOUT.toNanos();
                while (!positions.hasPassed(ACCOUNTS, untilIndex)) {
                    assertThat(System.nanoTime()).as("(%s) %s passes global index %d within %s",
                            configuration.label(), configuration.describe(), untilIndex, TIMEOUT).isLessThan(deadline);
                    Thread.sleep(POLL_MILLIS);
                }
                passed = System.nanoTime();
                atEnd = Cpu.sample(backends(connection));
                if (othersUntilIndex > 0) {
                    awaitOtherProcessors(connection, positions, othersUntilIndex);
                }
            }
        } finally {
            tokens.interrupt();
            tokens.join(10_000);
        }
        Cpu atStart = tokens.result();

        try (Connection connection = services.connect()) {
            assertThat(queryLong(connection, "SELECT count(*) FROM token_entry WHERE processor_name = '" + ACCOUNTS
                    + "'")).as("token segments of (%s)", configuration.label()).isEqualTo(configuration.segments());
            long rows = queryLong(connection, "SELECT count(*) FROM school_view");
            if (configuration.shortRun()) {
                assertThat(rows).as("school_view rows after (%s)", configuration.label()).isGreaterThanOrEqualTo(events);
            } else {
                assertThat(rows).as("school_view rows after (%s)", configuration.label()).isEqualTo(EVENTS);
            }
        }
        assertThat(processor).as("processor of (%s)", configuration.label())
                .isEqualTo(configuration.mode().equals("pooled") ? "PooledStreamingEventProcessor"
                        : "TrackingEventProcessor");
        return new Run(events, (atStart.nanoTime() - started) / 1_000_000, (passed - atStart.nanoTime()) / 1_000_000,
                Cpu.otherCores(atStart, atEnd), Cpu.oursMicros(atStart, atEnd) / events);
    }

    private static void awaitOtherProcessors(Connection connection, ProjectionPositions positions, long index)
            throws Exception {
        List<String> others = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT DISTINCT processor_name FROM token_entry WHERE processor_name <> ?")) {
            query.setString(1, ACCOUNTS);
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    others.add(rs.getString(1));
                }
            }
        }
        assertThat(positions.awaitPassed(others, index, TIMEOUT)).as("other processors %s reach %d", others, index)
                .isTrue();
        if (!others.isEmpty()) {
            log("other processors %s have caught up", others);
        }
    }

    private String[] arguments(Configuration configuration) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("spring.datasource.url", services.jdbcUrl());
        properties.put("spring.datasource.username", services.username);
        properties.put("spring.datasource.password", services.password);
        properties.put("spring.data.redis.url", services.redisUrl);
        properties.put("lms.redis.key-prefix", services.redisKeyPrefix);
        properties.put("spring.profiles.active", "test");
        properties.put("lms.demo-data.enabled", "false");
        properties.put("lms.firebase.project-id", TestFirebase.PROJECT_ID);
        String processor = "axon.eventhandling.processors." + ACCOUNTS + ".";
        properties.put(processor + "mode", configuration.mode());
        properties.put(processor + "batch-size", String.valueOf(configuration.batchSize()));
        properties.put(processor + "initial-segment-count", String.valueOf(configuration.segments()));
        properties.put(processor + "thread-count", String.valueOf(configuration.threads()));
        if (configuration.dlqCache()) {
            properties.put(processor + "dlq.cache.enabled", "true");
        }
        return properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
    }

    /** {@code count} events as the command side stores them: {@code SchoolRegistered}, sequence 0 of a new School. */
    private void insertSchoolRegistrations(int count) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", services.username);
        properties.setProperty("password", services.password);
        properties.setProperty("reWriteBatchedInserts", "true");
        try (Connection connection = DriverManager.getConnection(services.jdbcUrl(), properties)) {
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement("""
                    INSERT INTO domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type,
                        time_stamp, payload_type, payload_revision, payload, meta_data)
                    VALUES (?, ?, 0, 'School', ?, 'org.fractionball.lms.events.schools.SchoolRegistered', NULL, ?, ?)""")) {
                byte[] metaData = "{}".getBytes(StandardCharsets.UTF_8);
                for (int n = 1; n <= count; n++) {
                    insert.setString(1, UUID.randomUUID().toString());
                    insert.setString(2, "school-" + n);
                    insert.setString(3, AXON_TIMESTAMP.format(FIRST_EVENT_AT.plusMillis(n)));
                    insert.setBytes(4, ("{\"schoolId\":" + n + ",\"name\":\"School " + n + "\",\"domain\":\"d" + n
                            + ".edu\",\"address\":\"\",\"phone\":\"\",\"active\":true}").getBytes(StandardCharsets.UTF_8));
                    insert.setBytes(5, metaData);
                    insert.addBatch();
                    if (n % INSERT_BATCH == 0 || n == count) {
                        insert.executeBatch();
                        connection.commit();
                    }
                }
            }
            connection.setAutoCommit(true);
            // statistics and visibility map now, rather than autovacuum in the middle of a run
            execute(connection, "VACUUM ANALYZE domain_event_entry");
        }
    }

    /** The global index of the {@code n}-th stored event (1-based). */
    private long globalIndexOfEvent(long n) throws SQLException {
        try (Connection connection = services.connect()) {
            return queryLong(connection, "SELECT global_index FROM domain_event_entry ORDER BY global_index OFFSET "
                    + (n - 1) + " LIMIT 1");
        }
    }

    /** Process ids of the PostgreSQL backends serving this benchmark's database. */
    private static List<Integer> backends(Connection connection) throws SQLException {
        List<Integer> pids = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(
                "SELECT pid FROM pg_stat_activity WHERE datname = current_database()")) {
            while (rs.next()) {
                pids.add(rs.getInt(1));
            }
        }
        return pids;
    }

    private static String table(Map<Configuration, List<Run>> runs) {
        double baseline = best(runs.values().iterator().next()).eventsPerSecond();
        StringBuilder table = new StringBuilder();
        table.append(String.format(Locale.ROOT, "Replay of the accounts projection: %,d events, %d cores, best of %d "
                + "round(s)%n%n", EVENTS, Runtime.getRuntime().availableProcessors(), ROUNDS));
        table.append("| | mode | batch | segments | threads | DLQ cache | events replayed | replay (ms) | events/s "
                + "| vs (a) | every round (events/s) | CPU per event (µs) | start-up (ms) | other processes (cores) |\n");
        table.append("|---|---|---:|---:|---:|---|---:|---:|---:|---:|---|---:|---:|---:|\n");
        runs.forEach((c, list) -> {
            Run run = best(list);
            table.append(String.format(Locale.ROOT,
                    "| (%s) | %s | %d | %d | %d | %s | %,d%s | %,d | %,.0f | %.1f× | %s | %.0f | %,d | %.2f |%n",
                    c.label(), c.mode(), c.batchSize(), c.segments(), c.threads(), c.dlqCache() ? "on" : "off",
                    run.events(), c.shortRun() ? " (the first)" : "", run.replayMillis(), run.eventsPerSecond(),
                    run.eventsPerSecond() / baseline,
                    list.stream().map(r -> String.format(Locale.ROOT, "%,.0f", r.eventsPerSecond()))
                            .collect(Collectors.joining(" / ")),
                    run.cpuMicrosPerEvent(), run.startupMillis(), run.otherCores()));
        });
        return table.toString();
    }

    private static Run best(List<Run> runs) {
        return runs.stream().max((x, y) -> Double.compare(x.eventsPerSecond(), y.eventsPerSecond())).orElseThrow();
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static long queryLong(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            assertThat(rs.next()).as(sql).isTrue();
            return rs.getLong(1);
        }
    }

    private static void log(String format, Object... args) {
        System.out.printf(Locale.ROOT, "[benchmark] " + format + "%n", args);
    }

    /**
     * Notes when the processor writes its token segments, which it does as it starts, right before
     * its first read: polls from before the context starts (which starts the processor during its
     * refresh) on a connection of its own, every 10 ms, and then samples the CPU counters.
     */
    private final class TokenWatcher extends Thread {
        private final long started;
        private volatile Cpu sample;
        private volatile Exception failure;

        TokenWatcher(long started) {
            super("benchmark-token-watcher");
            setDaemon(true);
            this.started = started;
        }

        @Override
        public void run() {
            try (Connection connection = services.connect(); PreparedStatement query = connection.prepareStatement(
                    "SELECT EXISTS (SELECT 1 FROM token_entry WHERE processor_name = ?)")) {
                query.setString(1, ACCOUNTS);
                long deadline = started + TIMEOUT.toNanos();
                while (System.nanoTime() < deadline) {
                    try (ResultSet rs = query.executeQuery()) {
                        rs.next();
                        if (rs.getBoolean(1)) {
                            sample = Cpu.sample(backends(connection));
                            return;
                        }
                    }
                    Thread.sleep(POLL_MILLIS);
                }
            } catch (InterruptedException stopped) {
                // the replay ended (or failed) before the tokens were seen
            } catch (SQLException | RuntimeException e) {
                failure = e;
            }
        }

        Cpu result() {
            if (failure != null) {
                throw new IllegalStateException("the token watcher failed", failure);
            }
            assertThat(sample).as("token segments written").isNotNull();
            return sample;
        }
    }
}
