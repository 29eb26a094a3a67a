package org.fractionball.lms.infrastructure.faults;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.fractionball.lms.projections.ProjectionNames;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * "Every read table matches a fresh rebuild", checked the same way by every drill: a checksum of
 * every table of the schema (rows ordered, so physical order does not matter), then every
 * projection reset to the first event and replayed, then the checksums again.
 *
 * <p>Compared: every table but the event store's own and the never-reset version counters
 * ({@code *_version}: a rebuild raises them on purpose, so stale cache keys never come back).
 * Command-side tables are compared too: a rebuild must not touch them. Serial and identity
 * columns are left out, since a rebuild numbers rows afresh.
 */
final class ReadModels {
    private static final Set<String> EVENT_STORE = Set.of("domain_event_entry", "snapshot_event_entry",
            "token_entry", "dead_letter_entry", "event_seal", "flyway_schema_history");

    private ReadModels() {
    }

    /** Table name → {@code rows:md5} of its ordered rows. */
    static Map<String, String> checksums(JdbcTemplate jdbc) {
        Map<String, String> checksums = new TreeMap<>();
        for (String table : tables(jdbc)) {
            List<String> serials = jdbc.queryForList("""
                    SELECT column_name FROM information_schema.columns
                    WHERE table_schema = 'public' AND table_name = ?
                      AND (column_default LIKE 'nextval(%' OR is_identity = 'YES')""", String.class, table);
            String excluded = "'{" + String.join(",", serials) + "}'::text[]";
            checksums.put(table, jdbc.queryForObject("SELECT count(*) || ':' || md5(coalesce(string_agg(r, '|' "
                    + "ORDER BY r), '')) FROM (SELECT (to_jsonb(t) - " + excluded + ")::text AS r FROM public.\""
                    + table + "\" t) rows", String.class));
        }
        return checksums;
    }

    /** Tables holding at least one row, among those {@link #checksums} compares. */
    static Set<String> nonEmpty(JdbcTemplate jdbc) {
        Set<String> tables = new TreeSet<>();
        for (String table : tables(jdbc)) {
            if (Boolean.TRUE.equals(jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM public.\"" + table + "\")",
                    Boolean.class))) {
                tables.add(table);
            }
        }
        return tables;
    }

    /**
     * Rebuilds every projection on {@code node}: stops them all, resets their tokens to the first
     * event (their reset handlers empty the read tables), runs {@code whileEmpty}, starts them and
     * waits until they have caught up. The node must be the only one holding their segments.
     */
    static void rebuildAll(DrillNode node, Runnable whileEmpty, Duration timeout) {
        EventProcessingConfiguration processing = node.bean(EventProcessingConfiguration.class);
        List<TrackingEventProcessor> processors = ProjectionNames.ALL.stream()
                .map(name -> processing.eventProcessor(name, TrackingEventProcessor.class))
                .flatMap(Optional::stream).toList();
        assertThat(processors).isNotEmpty();
        processors.forEach(TrackingEventProcessor::shutDown);
        processors.forEach(processor -> processor.resetTokens(processor.getMessageSource().createTailToken()));
        whileEmpty.run();
        processors.forEach(TrackingEventProcessor::start);
        node.awaitProjections(timeout);
    }

    /** The drills' verdict: a fresh rebuild of every projection reproduces every table exactly. */
    static void assertMatchesFreshRebuild(DrillNode node, Duration timeout) {
        node.awaitProjections(timeout);
        Map<String, String> before = checksums(node.jdbc());
        rebuildAll(node, () -> { }, timeout);
        assertThat(checksums(node.jdbc())).as("every table after a fresh rebuild").isEqualTo(before);
    }

    private static List<String> tables(JdbcTemplate jdbc) {
        return jdbc.queryForList("""
                        SELECT table_name FROM information_schema.tables
                        WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name NOT LIKE '%\\_version'
                        ORDER BY table_name""", String.class).stream()
                .filter(table -> !EVENT_STORE.contains(table)).toList();
    }
}
