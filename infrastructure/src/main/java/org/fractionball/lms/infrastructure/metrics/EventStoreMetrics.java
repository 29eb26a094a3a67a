package org.fractionball.lms.infrastructure.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.config.EventProcessingConfiguration;
import org.fractionball.lms.infrastructure.axon.ProjectionPositions;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.HashMap;
import java.util.Map;

/**
 * Gauges read from the database, shared by every node: the event store's head
 * ({@code lms.eventstore.head}; Prometheus' {@code rate()} of it is the append rate of the whole
 * deployment), per processor its lag behind the head and its dead letters, and the server's client
 * connections against {@code max_connections} (the runbook's "database connections below 80 % of
 * max", for all nodes together, which the per-node Hikari pool metrics cannot tell). Read at most
 * every five seconds, however often Prometheus scrapes.
 */
@Component
public class EventStoreMetrics implements SmartInitializingSingleton {
    private static final long REFRESH_NANOS = 5_000_000_000L;

    private final MeterRegistry meters;
    private final EventProcessingConfiguration processing;
    private final ProjectionPositions positions;
    private final JdbcTemplate jdbc;
    private volatile Snapshot snapshot;

    private record Snapshot(long readAt, long head, Map<String, Long> lag, Map<String, Long> deadLetters,
                            long connections, long maxConnections) {
    }

    public EventStoreMetrics(MeterRegistry meters, EventProcessingConfiguration processing,
                             ProjectionPositions positions, JdbcTemplate jdbc) {
        this.meters = meters;
        this.processing = processing;
        this.positions = positions;
        this.jdbc = jdbc;
    }

    @Override
    public void afterSingletonsInstantiated() {
        Gauge.builder("lms.eventstore.head", this, metrics -> metrics.current().head)
                .description("Global index of the newest stored event").register(meters);
        Gauge.builder("lms.db.connections", this, metrics -> metrics.current().connections)
                .description("Client connections to the PostgreSQL server").register(meters);
        Gauge.builder("lms.db.connections.max", this, metrics -> metrics.current().maxConnections)
                .description("The PostgreSQL server's max_connections").register(meters);
        for (String processor : processing.eventProcessors().keySet()) {
            Gauge.builder("lms.processor.lag", this, metrics -> metrics.current().lag.getOrDefault(processor, 0L))
                    .tag("processor", processor).description("Events stored but not yet handled by the processor")
                    .register(meters);
            Gauge.builder("lms.processor.dead.letters", this,
                            metrics -> metrics.current().deadLetters.getOrDefault(processor, 0L))
                    .tag("processor", processor).description("Events the processor gave up on").register(meters);
        }
    }

    private synchronized Snapshot current() {
        Snapshot last = snapshot;
        if (last != null && System.nanoTime() - last.readAt < REFRESH_NANOS) {
            return last;
        }
        long head = jdbc.queryForObject("SELECT coalesce(max(global_index), 0) FROM domain_event_entry", Long.class);
        Map<String, Long> lag = new HashMap<>();
        for (String processor : processing.eventProcessors().keySet()) {
            lag.put(processor, head - Math.max(positions.lowestPosition(processor), 0));
        }
        Map<String, Long> deadLetters = new HashMap<>();
        jdbc.query("SELECT processing_group, count(*) FROM dead_letter_entry GROUP BY processing_group",
                rs -> {
                    deadLetters.put(rs.getString(1), rs.getLong(2));
                });
        long connections = jdbc.queryForObject(
                "SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend'", Long.class);
        long maxConnections = jdbc.queryForObject("SELECT current_setting('max_connections')::bigint", Long.class);
        snapshot = new Snapshot(System.nanoTime(), head, lag, deadLetters, connections, maxConnections);
        return snapshot;
    }
}
