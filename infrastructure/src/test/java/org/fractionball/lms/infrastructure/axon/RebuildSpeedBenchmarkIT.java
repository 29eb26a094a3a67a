package org.fractionball.lms.infrastructure.axon;

import org.flywaydb.core.Flyway;
import org.fractionball.lms.infrastructure.LmsApplication;
import org.fractionball.lms.infrastructure.ops.rebuild.ProjectionRebuilds;
import org.fractionball.lms.infrastructure.support.TestFirebase;
import org.fractionball.lms.infrastructure.support.TestServices;
import org.fractionball.lms.projections.ProjectionNames;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rebuild speed of the library (processing group {@code content}) and audit projections over a
 * million realistic events (issue 7 / issue 11). Results and the command: {@code docs/benchmarks.md}.
 *
 * <p>{@link RebuildEvents} writes the events with {@code COPY} into a database of its own, through
 * the V46 append trigger (so the hash chain is the one the application would have computed). Then,
 * per processing group:
 * <ol>
 *   <li>(a) Axon's default configuration — tracking processor, batch size 1, one segment, no
 *       dead-letter queue, the storage engine's default fetch batch of 100, handler timeouts on — replays the first
 *       {@code benchmark.sample-events} events only (it commits every event; the full run would take
 *       most of an hour) into cleared tables, and its read tables are check-summed;</li>
 *   <li>(b) the production rebuild ({@code application.yml} as it is; {@link ProjectionRebuilds}, as
 *       {@code POST /api/ops/projections/{name}/rebuild/} runs it) rebuilds over the same prefix,
 *       and the tables it puts live must have the same checksums as (a)'s;</li>
 *   <li>after the remaining events are stored, (b) rebuilds over all {@code benchmark.events}.</li>
 * </ol>
 * Each run starts the application (no web server, no scheduled jobs, every processor not measured at
 * the head, so that only the measured work runs) and is timed as {@link #replay} says. For each it
 * reports the CPU time per event (this JVM and its PostgreSQL backends), how many cores other
 * processes used meanwhile (the machine is shared), and where the processor thread spent its time
 * ({@link StageSampler}). It asserts completeness and equal checksums, nothing about time.
 *
 * <p>Tagged "benchmark": run only with {@code -Dgroups=benchmark}. Sizes and variants, passed with
 * {@code -DargLine="…"}: {@code -Dbenchmark.events} (1,000,000), {@code -Dbenchmark.sample-events}
 * (100,000), {@code -Dbenchmark.groups} ({@code content,audit}), {@code -Dbenchmark.production-args}
 * (extra {@code --key=value} arguments for (b), separated by spaces, to measure alternatives).
 */
@Tag("benchmark")
class RebuildSpeedBenchmarkIT {
    private static final int EVENTS = Integer.getInteger("benchmark.events", 1_000_000);
    private static final int SAMPLE = Math.min(EVENTS, Integer.getInteger("benchmark.sample-events", 100_000));
    private static final List<String> GROUPS = List.of(System.getProperty("benchmark.groups",
            ProjectionNames.CONTENT + "," + ProjectionNames.AUDIT).split(","));
    private static final List<String> PRODUCTION_ARGS = Arrays.stream(System.getProperty("benchmark.production-args",
            "").trim().split("\\s+")).filter(arg -> !arg.isEmpty()).toList();
    private static final long POLL_MILLIS = 10;
    private static final Duration TIMEOUT = Duration.ofMinutes(40);

    /** The read tables of each measured group, as check-summed: surrogate keys and counters left out. */
    private static final Map<String, Map<String, String>> TABLES = Map.of(
            ProjectionNames.CONTENT, tables(
                    "content_view", "SELECT * FROM content_view",
                    // history_id is a sequence that a rebuild does not restart
                    "content_history", "SELECT kind, id, title, description, grade, topic, tags, duration, file_size,"
                            + " uri, thumbnail_uri, file_type, owner_id, school_id, status, created_at, updated_at,"
                            + " valid_from, valid_to FROM content_history",
                    "library_member", "SELECT * FROM library_member",
                    "library_school", "SELECT * FROM library_school"),
            ProjectionNames.AUDIT, tables(
                    "audit_event_index", "SELECT * FROM audit_event_index",
                    "audit_log_view", "SELECT * FROM audit_log_view"));

    private record Configuration(String label, String description, List<String> arguments) {
    }

    private static final Configuration AXON_DEFAULT = new Configuration("a",
            "Axon default: tracking, batch 1, 1 segment, no DLQ, fetch 100", List.of());
    private static final Configuration PRODUCTION = new Configuration("b",
            "production rebuild (blue/green, application.yml)"
                    + (PRODUCTION_ARGS.isEmpty() ? "" : " with " + PRODUCTION_ARGS),
            PRODUCTION_ARGS);

    private record Run(String group, Configuration configuration, long events, long replayMillis,
                       long indexMillis, double cpuMicrosPerEvent, double postgresMicrosPerEvent, double otherCores,
                       Map<String, Double> stages) {
        double eventsPerSecond() {
            return events * 1000.0 / Math.max(1, replayMillis);
        }
    }

    private final TestServices services = TestServices.get();
    /** Its own database: the other benchmarks of a suite run leave their data in the run's database. */
    private final String database = services.freshDatabase("rebuild_bench");

    @Test
    void rebuild_throughput_of_the_library_and_audit_projections() throws Exception {
        System.setProperty("axoniq.update-checker.disabled", "true");
        Flyway.configure().dataSource(database, services.username, services.password)
                .locations("classpath:db/migration").load().migrate();
        // one start on the empty store, so that every processor of the application has its token row
        try (ConfigurableApplicationContext ignored = start(PRODUCTION, ProjectionNames.CONTENT)) {
            log("application started once on the empty store");
        }

        // the application stores a few events of its own as it starts (configuration defaults)
        long ownEvents;
        try (Connection connection = connect(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT coalesce(max(global_index), 0) FROM domain_event_entry")) {
            rs.next();
            ownEvents = rs.getLong(1);
        }
        RebuildEvents events = new RebuildEvents(20261129L, ownEvents);
        store(events, SAMPLE);
        long samplePosition = events.position();
        List<Run> runs = new ArrayList<>();
        Map<String, String> checks = new LinkedHashMap<>();
        for (String group : GROUPS) {
            Run sample = replay(group, AXON_DEFAULT, samplePosition);
            Map<String, String> expected = checksums(group);
            Run prefix = replay(group, PRODUCTION, samplePosition);
            Map<String, String> actual = checksums(group);
            assertThat(actual).as("%s read tables of (b) up to position %,d", group, samplePosition)
                    .isEqualTo(expected);
            checks.put(group, expected.toString());
            runs.add(sample);
            runs.add(prefix);
        }

        store(events, EVENTS - SAMPLE);
        log("event mix: %s", events.mix());
        for (String group : GROUPS) {
            Run full = replay(group, PRODUCTION, events.position());
            runs.add(full);
            log("%s read tables after %,d events: %s", group, EVENTS, rowCounts(group));
        }

        String report = report(runs, checks, events.mix());
        System.out.println();
        System.out.println(report);
        Path file = Path.of("target", "rebuild-speed-benchmark.md");
        Files.createDirectories(file.getParent());
        Files.writeString(file, report);
    }

    /** Appends the generator's next {@code count} events with COPY (global positions continue from the last). */
    private void store(RebuildEvents events, int count) throws SQLException {
        long started = System.nanoTime();
        try (Connection connection = connect()) {
            connection.setAutoCommit(false);
            CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn("""
                    COPY domain_event_entry (global_index, event_identifier, aggregate_identifier, sequence_number, type,
                                             time_stamp, payload_type, payload_revision, payload, meta_data)
                    FROM STDIN""");
            StringBuilder rows = new StringBuilder();
            for (int n = 0; n < count; n++) {
                events.next(rows);
                if (rows.length() > 1 << 20 || n == count - 1) {
                    byte[] bytes = rows.toString().getBytes(StandardCharsets.UTF_8);
                    copy.writeToCopy(bytes, 0, bytes.length);
                    rows.setLength(0);
                }
            }
            copy.endCopy();
            execute(connection, "SELECT setval('domain_event_entry_global_index_seq', " + events.position() + ")");
            connection.commit();
            connection.setAutoCommit(true);
            // statistics and visibility map now, rather than autovacuum in the middle of a run
            execute(connection, "VACUUM ANALYZE domain_event_entry");
        }
        log("%,d events stored (positions up to %,d) in %,d ms, hash chain by the V46 trigger", count,
                events.position(), (System.nanoTime() - started) / 1_000_000);
    }

    /**
     * Replays the group's events up to {@code last}, timed: (a) clears its token and tables and starts
     * the application, and is timed from the moment the processor writes its token until the token
     * has passed {@code last}; (b) starts the application with every processor at {@code last} and
     * runs the production rebuild ({@link ProjectionRebuilds}: new tables built from the first event
     * while the live ones serve, the indexes that only queries use built once it has caught up, then
     * the switch), timed from the request until the new tables are live.
     */
    private Run replay(String group, Configuration configuration, long last) throws Exception {
        boolean rebuild = configuration != AXON_DEFAULT;
        try (Connection connection = connect()) {
            execute(connection, "DELETE FROM dead_letter_entry WHERE processing_group = '" + group + "'");
            if (!rebuild) {
                execute(connection, "DELETE FROM token_entry WHERE processor_name = '" + group + "'");
                execute(connection, "TRUNCATE " + String.join(", ", TABLES.get(group).keySet()));
            }
            // every other processor (and for (b) the live one) starts at the head, so that it stays idle
            execute(connection, "UPDATE token_entry SET token = convert_to('{\"index\":" + last
                    + ",\"gaps\":[]}', 'UTF8'), token_type = 'org.axonframework.eventhandling.GapAwareTrackingToken'");
            execute(connection, "VACUUM ANALYZE " + String.join(", ", TABLES.get(group).keySet()));
        }
        System.gc();
        Cpu.awaitIdle(Duration.ofSeconds(5));

        long started = System.nanoTime();
        long deadline = started + TIMEOUT.toNanos();
        Cpu atStart;
        Cpu atEnd;
        long indexingNanos = 0;
        StageSampler stages;
        try (Connection connection = connect();
             BackendCpuWatch backends = new BackendCpuWatch(connect());
             ConfigurableApplicationContext context = start(configuration, group)) {
            backends.start();
            if (rebuild) {
                ProjectionRebuilds rebuilds = context.getBean(ProjectionRebuilds.class);
                int target = rebuilds.version(group) + 1;
                stages = new StageSampler("[" + group + "@v" + target + "]");
                atStart = Cpu.sample(backends.now());
                stages.start();
                assertThat(rebuilds.start(group)).as("%s rebuild started", group).isPresent();
                long indexingFrom = 0;
                // the switch deletes the rebuild's row and raises the version in one transaction
                for (Map<String, Object> progress = rebuilds.rebuildOf(group); progress != null;
                     progress = rebuilds.rebuildOf(group)) {
                    assertThat(progress.get("error")).as("%s rebuild error", group).isNull();
                    boolean indexing = "indexing".equals(progress.get("status"));
                    long now = System.nanoTime();
                    if (indexing && indexingFrom == 0) {
                        indexingFrom = now;
                    } else if (!indexing && indexingFrom != 0) {
                        indexingNanos += now - indexingFrom;
                        indexingFrom = 0;
                    }
                    assertThat(now).as("(%s) %s rebuilt within %s", configuration.label(), group, TIMEOUT)
                            .isLessThan(deadline);
                    Thread.sleep(POLL_MILLIS);
                }
                atEnd = Cpu.sample(backends.now());
                assertThat(rebuilds.version(group)).as("%s version after the rebuild", group).isEqualTo(target);
                if (indexingFrom != 0) {
                    indexingNanos += atEnd.nanoTime() - indexingFrom;
                }
            } else {
                stages = new StageSampler("[" + group + "]");
                try (PreparedStatement tokenStored = connection.prepareStatement(
                        "SELECT EXISTS (SELECT 1 FROM token_entry WHERE processor_name = ?)")) {
                    tokenStored.setString(1, group);
                    // the processor writes its token as it starts, right before its first read
                    while (!queryBoolean(tokenStored)) {
                        assertThat(System.nanoTime()).as("%s writes its token", group).isLessThan(deadline);
                        Thread.sleep(1);
                    }
                }
                atStart = Cpu.sample(backends.now());
                stages.start();
                ProjectionPositions positions = context.getBean(ProjectionPositions.class);
                while (!positions.hasPassed(group, last)) {
                    assertThat(System.nanoTime()).as("(%s) %s passes position %,d within %s", configuration.label(),
                            group, last, TIMEOUT).isLessThan(deadline);
                    Thread.sleep(POLL_MILLIS);
                }
                atEnd = Cpu.sample(backends.now());
            }
            stages.finish();
        }
        Run run = new Run(group, configuration, last, (atEnd.nanoTime() - atStart.nanoTime()) / 1_000_000,
                indexingNanos / 1_000_000, Cpu.oursMicros(atStart, atEnd) / last,
                Cpu.backendMicros(atStart, atEnd) / last, Cpu.otherCores(atStart, atEnd), stages.shares());
        log("%s (%s) %s: %,d events in %,d ms (indexes built after the replay: %,d ms) = %,.0f events/s, %.0f µs CPU"
                        + " per event (PostgreSQL %.0f), other processes %.2f cores, processor thread: %s", group,
                configuration.label(), configuration.description(), last, run.replayMillis(), run.indexMillis(),
                run.eventsPerSecond(), run.cpuMicrosPerEvent(), run.postgresMicrosPerEvent(), run.otherCores(),
                stages(run.stages()));
        return run;
    }

    private ConfigurableApplicationContext start(Configuration configuration, String group) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("spring.datasource.url", database);
        properties.put("spring.datasource.username", services.username);
        properties.put("spring.datasource.password", services.password);
        properties.put("spring.data.redis.url", services.redisUrl);
        properties.put("lms.redis.key-prefix", services.redisKeyPrefix);
        properties.put("spring.profiles.active", "test");
        properties.put("lms.demo-data.enabled", "false");
        properties.put("lms.firebase.project-id", TestFirebase.PROJECT_ID);
        // the sealer would hash the million events meanwhile: not part of a projection's rebuild
        properties.put("lms.scheduling.enabled", "false");
        if (configuration == AXON_DEFAULT) {
            String processor = "axon.eventhandling.processors." + group + ".";
            properties.put(processor + "mode", "tracking");
            properties.put(processor + "batch-size", "1");
            properties.put(processor + "initial-segment-count", "1");
            properties.put(processor + "thread-count", "1");
            properties.put(processor + "dlq.enabled", "false");
            properties.put("lms.event-store.fetch-batch-size", "100");
            // Axon's default; application.yml turns them off
            properties.put("axon.timeout.enabled", "true");
        }
        List<String> arguments = new ArrayList<>(properties.entrySet().stream()
                .map(e -> "--" + e.getKey() + "=" + e.getValue()).toList());
        arguments.addAll(configuration.arguments());
        // command-line arguments outrank application.yml
        return new SpringApplicationBuilder(LmsApplication.class).web(WebApplicationType.NONE).logStartupInfo(false)
                .run(arguments.toArray(String[]::new));
    }

    /** Row count and MD5 of every read table of the group, rows in text order. */
    private Map<String, String> checksums(String group) throws SQLException {
        Map<String, String> sums = new TreeMap<>();
        try (Connection connection = connect()) {
            for (Map.Entry<String, String> table : TABLES.get(group).entrySet()) {
                try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(
                        "SELECT count(*), md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), ''))"
                                + " FROM (" + table.getValue() + ") t")) {
                    rs.next();
                    sums.put(table.getKey(), String.format(Locale.ROOT, "%,d rows, md5 %s", rs.getLong(1),
                            rs.getString(2)));
                }
            }
        }
        return sums;
    }

    private Map<String, Long> rowCounts(String group) throws SQLException {
        Map<String, Long> counts = new TreeMap<>();
        try (Connection connection = connect()) {
            for (String table : TABLES.get(group).keySet()) {
                try (Statement statement = connection.createStatement();
                     ResultSet rs = statement.executeQuery("SELECT count(*) FROM " + table)) {
                    rs.next();
                    counts.put(table, rs.getLong(1));
                }
            }
        }
        return counts;
    }

    private static String report(List<Run> runs, Map<String, String> checks, String mix) {
        StringBuilder report = new StringBuilder();
        report.append(String.format(Locale.ROOT, "Rebuild speed: %,d events (sample %,d), %d cores%n%nEvent mix: %s%n%n",
                EVENTS, SAMPLE, Runtime.getRuntime().availableProcessors(), mix));
        report.append("| group | configuration | events replayed | replay (ms) | of which indexes built after (ms) "
                + "| events/s | vs (a) | CPU per event (µs) | of which PostgreSQL (µs) | other processes (cores) "
                + "| processor thread |\n");
        report.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
        for (Run run : runs) {
            Run baseline = runs.stream().filter(r -> r.group().equals(run.group())
                    && r.configuration() == AXON_DEFAULT).findFirst().orElseThrow();
            report.append(String.format(Locale.ROOT, "| %s | (%s) %s | %,d | %,d | %,d | %,.0f | %.1f× | %.0f | %.0f | %.2f "
                            + "| %s |%n", run.group(), run.configuration().label(), run.configuration().description(),
                    run.events(), run.replayMillis(), run.indexMillis(), run.eventsPerSecond(), run.eventsPerSecond() / baseline.eventsPerSecond(),
                    run.cpuMicrosPerEvent(), run.postgresMicrosPerEvent(), run.otherCores(), stages(run.stages())));
        }
        report.append("\nRead tables of (a) and (b) over the first ").append(String.format(Locale.ROOT, "%,d", SAMPLE))
                .append(" events (equal):\n");
        checks.forEach((group, sums) -> report.append("- ").append(group).append(": ").append(sums).append('\n'));
        return report.toString();
    }

    private static String stages(Map<String, Double> stages) {
        return stages.entrySet().stream().map(e -> String.format(Locale.ROOT, "%s %.0f %%", e.getKey(), e.getValue()))
                .collect(Collectors.joining(", "));
    }

    private static Map<String, String> tables(String... namesAndQueries) {
        Map<String, String> tables = new LinkedHashMap<>();
        for (int i = 0; i < namesAndQueries.length; i += 2) {
            tables.put(namesAndQueries[i], namesAndQueries[i + 1]);
        }
        return tables;
    }

    private static boolean queryBoolean(PreparedStatement query) throws SQLException {
        try (ResultSet rs = query.executeQuery()) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static void log(String format, Object... args) {
        System.out.printf(Locale.ROOT, "[benchmark] " + format + "%n", args);
    }

    private Connection connect() throws SQLException {
        return services.connect(database);
    }
}
