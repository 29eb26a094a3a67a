package org.fractionball.lms.infrastructure.ops;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcDeadLetter;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.fractionball.lms.query.web.QueryRejected;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Events a projection could not handle, parked by Axon's sequenced dead-letter queue with the rest
 * of their sequence (ADMIN): listed from {@code dead_letter_entry}, retried through the processor's
 * own handlers, or evicted (dropped for good).
 */
@RestController
@Tag(name = "Operations")
public class DeadLetterOpsController {
    private static final String SELECT = """
            SELECT dead_letter_id, processing_group, sequence_identifier, sequence_index, event_identifier,
                   payload_type, aggregate_identifier, sequence_number, cause_type, cause_message, enqueued_at,
                   last_touched
            FROM dead_letter_entry
            """;

    private final EventProcessingConfiguration processing;
    private final JdbcTemplate jdbc;

    public DeadLetterOpsController(EventProcessingConfiguration processing, JdbcTemplate jdbc) {
        this.processing = processing;
        this.jdbc = jdbc;
    }

    @Operation(summary = "Parked events, oldest first", description = "Optional processing_group filter.")
    @GetMapping("/api/ops/dead-letters/")
    public List<Map<String, Object>> list(@RequestParam(name = "processing_group", required = false) String group) {
        return group == null || group.isBlank()
                ? jdbc.query(SELECT + " ORDER BY enqueued_at, sequence_index", (rs, n) -> letter(rs))
                : jdbc.query(SELECT + " WHERE processing_group = ? ORDER BY enqueued_at, sequence_index",
                        (rs, n) -> letter(rs), group);
    }

    @Operation(summary = "Retry a parked sequence", description = "Hands the sequence the letter heads to the "
            + "processor's handlers again; what fails again stays parked (last_touched changes). Only the oldest "
            + "letter of a sequence can be retried (409 otherwise).")
    @PostMapping("/api/ops/dead-letters/{id}/retry/")
    public Map<String, Object> retry(@PathVariable("id") String id) {
        Map<String, Object> letter = find(id);
        String group = (String) letter.get("processing_group");
        boolean handled = processing.sequencedDeadLetterProcessor(group)
                .orElseThrow(QueryRejected::plainNotFound)
                .process(candidate -> candidate instanceof JdbcDeadLetter<?> jdbcLetter
                        && id.equals(jdbcLetter.getIdentifier()));
        boolean stillParked = exists(id);
        if (!handled && stillParked && !isOldestOfSequence(letter)) {
            throw new QueryRejected(409, Map.of("error", "Only the oldest letter of a sequence can be retried"));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", id);
        body.put("processing_group", group);
        body.put("succeeded", handled && !stillParked);
        body.put("dead_letters_in_sequence", jdbc.queryForObject("""
                SELECT count(*) FROM dead_letter_entry WHERE processing_group = ? AND sequence_identifier = ?""",
                Long.class, group, letter.get("sequence_identifier")));
        return body;
    }

    @Operation(summary = "Evict a parked event", description = "Drops it from the queue for good; the rest of its "
            + "sequence stays parked.")
    @PostMapping("/api/ops/dead-letters/{id}/evict/")
    public ResponseEntity<Void> evict(@PathVariable("id") String id) {
        Map<String, Object> letter = find(id);
        SequencedDeadLetterQueue<EventMessage<?>> queue = processing
                .deadLetterQueue((String) letter.get("processing_group")).orElseThrow(QueryRejected::plainNotFound);
        for (DeadLetter<? extends EventMessage<?>> candidate
                : queue.deadLetterSequence(letter.get("sequence_identifier"))) {
            if (candidate instanceof JdbcDeadLetter<?> jdbcLetter && id.equals(jdbcLetter.getIdentifier())) {
                queue.evict(candidate);
                return ResponseEntity.noContent().build();
            }
        }
        throw QueryRejected.plainNotFound();
    }

    private Map<String, Object> find(String id) {
        List<Map<String, Object>> letters = jdbc.query(SELECT + " WHERE dead_letter_id = ?", (rs, n) -> letter(rs),
                id);
        if (letters.isEmpty()) {
            throw QueryRejected.plainNotFound();
        }
        return letters.get(0);
    }

    private boolean exists(String id) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "SELECT EXISTS (SELECT 1 FROM dead_letter_entry WHERE dead_letter_id = ?)", Boolean.class, id));
    }

    private boolean isOldestOfSequence(Map<String, Object> letter) {
        Long oldest = jdbc.queryForObject("""
                SELECT min(sequence_index) FROM dead_letter_entry WHERE processing_group = ? AND sequence_identifier = ?""",
                Long.class, letter.get("processing_group"), letter.get("sequence_identifier"));
        return oldest != null && oldest.equals(letter.get("sequence_index"));
    }

    private static Map<String, Object> letter(ResultSet rs) throws SQLException {
        Map<String, Object> letter = new LinkedHashMap<>();
        letter.put("id", rs.getString("dead_letter_id"));
        letter.put("processing_group", rs.getString("processing_group"));
        letter.put("sequence_identifier", rs.getString("sequence_identifier"));
        letter.put("sequence_index", rs.getLong("sequence_index"));
        letter.put("event_id", rs.getString("event_identifier"));
        String payloadType = rs.getString("payload_type");
        letter.put("event_type", payloadType.substring(payloadType.lastIndexOf('.') + 1));
        letter.put("aggregate_id", rs.getString("aggregate_identifier"));
        long sequence = rs.getLong("sequence_number");
        letter.put("aggregate_sequence", rs.wasNull() ? null : sequence);
        Map<String, Object> cause = new LinkedHashMap<>();
        cause.put("type", rs.getString("cause_type"));
        cause.put("message", rs.getString("cause_message"));
        letter.put("cause", cause);
        letter.put("enqueued_at", rs.getString("enqueued_at"));
        letter.put("last_touched", rs.getString("last_touched"));
        return letter;
    }
}
