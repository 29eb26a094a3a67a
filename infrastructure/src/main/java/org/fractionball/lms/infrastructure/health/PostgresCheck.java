package org.fractionball.lms.infrastructure.health;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Duration;

/**
 * PostgreSQL: round-trip latency, statements running longer than the runbook's five minutes, and
 * connections against {@code max_connections} (warning above 80 %). Unreachable is CRITICAL.
 */
@Component("postgresqlHealthIndicator")
public class PostgresCheck extends OpsCheck {
    private final JdbcTemplate jdbc;
    private final Duration latencyWarning;
    private final Duration longQuery;
    private final double connectionsWarning;
    private final double connectionsCritical;

    public PostgresCheck(JdbcTemplate jdbc,
                         @Value("${lms.health.postgresql.latency-warning:500ms}") Duration latencyWarning,
                         @Value("${lms.health.postgresql.long-query:5m}") Duration longQuery,
                         @Value("${lms.health.postgresql.connections-warning:0.80}") double connectionsWarning,
                         @Value("${lms.health.postgresql.connections-critical:0.95}") double connectionsCritical) {
        this.jdbc = jdbc;
        this.latencyWarning = latencyWarning;
        this.longQuery = longQuery;
        this.connectionsWarning = connectionsWarning;
        this.connectionsCritical = connectionsCritical;
    }

    @Override
    public String name() {
        return "postgresql";
    }

    @Override
    public boolean gatesReadiness() {
        return true;
    }

    @Override
    protected CheckResult measure() {
        long start = System.nanoTime();
        jdbc.queryForObject("SELECT 1", Integer.class);
        long latencyMs = Duration.ofNanos(System.nanoTime() - start).toMillis();
        Long longRunning = jdbc.queryForObject("""
                SELECT count(*) FROM pg_stat_activity
                WHERE state <> 'idle' AND pid <> pg_backend_pid() AND backend_type = 'client backend'
                  AND now() - query_start > make_interval(secs => ?)""", Long.class, longQuery.toSeconds());
        Long connections = jdbc.queryForObject("SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend'",
                Long.class);
        Integer max = jdbc.queryForObject("SELECT current_setting('max_connections')::int", Integer.class);
        double usage = (double) connections / max;
        return CheckResult.healthy()
                .detail("latency_ms", latencyMs)
                .detail("long_running_queries", longRunning)
                .detail("connections", connections)
                .detail("max_connections", max)
                .raise(latencyMs > latencyWarning.toMillis() ? HealthLevel.WARNING : HealthLevel.HEALTHY,
                        "latency " + latencyMs + " ms above " + latencyWarning.toMillis() + " ms")
                .raise(longRunning > 0 ? HealthLevel.WARNING : HealthLevel.HEALTHY,
                        longRunning + " queries running longer than " + longQuery.toMinutes() + " min")
                .raise(HealthLevel.of(usage, connectionsWarning, connectionsCritical),
                        String.format("%d of %d connections in use", connections, max))
                .build();
    }
}
