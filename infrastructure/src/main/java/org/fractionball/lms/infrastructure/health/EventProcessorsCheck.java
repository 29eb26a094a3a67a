package org.fractionball.lms.infrastructure.health;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.fractionball.lms.infrastructure.axon.ProjectionPositions;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The event processors that keep the read tables: each must run without error; its lag (events
 * stored but not yet handled, from its committed tokens, so a processor whose segments another node
 * holds counts too) warns above 1000 and is critical above 10000; a dead letter (an event a
 * projection gave up on) is a WARNING until it is retried or evicted.
 */
@Component("eventProcessorsHealthIndicator")
public class EventProcessorsCheck extends OpsCheck {
    private final EventProcessingConfiguration processing;
    private final ProjectionPositions positions;
    private final JdbcTemplate jdbc;
    private final long lagWarning;
    private final long lagCritical;

    public EventProcessorsCheck(EventProcessingConfiguration processing, ProjectionPositions positions,
                                JdbcTemplate jdbc,
                                @Value("${lms.health.processors.lag-warning:1000}") long lagWarning,
                                @Value("${lms.health.processors.lag-critical:10000}") long lagCritical) {
        this.processing = processing;
        this.positions = positions;
        this.jdbc = jdbc;
        this.lagWarning = lagWarning;
        this.lagCritical = lagCritical;
    }

    @Override
    public String name() {
        return "event_processors";
    }

    @Override
    protected CheckResult measure() {
        long head = jdbc.queryForObject("SELECT coalesce(max(global_index), 0) FROM domain_event_entry", Long.class);
        Map<String, Long> deadLetters = new HashMap<>();
        jdbc.query("SELECT processing_group, count(*) FROM dead_letter_entry GROUP BY processing_group",
                rs -> {
                    deadLetters.put(rs.getString(1), rs.getLong(2));
                });
        CheckResult.Builder result = CheckResult.healthy().detail("head", head);
        Map<String, Object> processors = new TreeMap<>();
        for (Map.Entry<String, EventProcessor> entry : processing.eventProcessors().entrySet()) {
            String name = entry.getKey();
            EventProcessor processor = entry.getValue();
            long position = positions.lowestPosition(name);
            long lag = head - Math.max(position, 0);
            long dead = deadLetters.getOrDefault(name, 0L);
            boolean error = processor instanceof StreamingEventProcessor streaming && streaming.isError();
            Map<String, Object> status = new LinkedHashMap<>();
            status.put("running", processor.isRunning());
            status.put("error", error);
            status.put("position", position);
            status.put("lag", lag);
            status.put("dead_letters", dead);
            processors.put(name, status);
            result.raise(processor.isRunning() && !error ? HealthLevel.HEALTHY : HealthLevel.CRITICAL,
                            name + (error ? " is in error" : " is not running"))
                    .raise(HealthLevel.of(lag, lagWarning, lagCritical), name + " is " + lag + " events behind")
                    .raise(dead > 0 ? HealthLevel.WARNING : HealthLevel.HEALTHY, name + " has " + dead + " dead letters");
        }
        return result.detail("processors", processors).build();
    }
}
