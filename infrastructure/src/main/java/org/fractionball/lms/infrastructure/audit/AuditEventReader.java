package org.fractionball.lms.infrastructure.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.fractionball.lms.events.shared.MetadataKeys;
import org.fractionball.lms.infrastructure.privacy.PersonalDataProtection;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads audited events: the audit index picks the positions, the event store supplies what each
 * event says (payload and metadata as stored). Exports stream through a server-side cursor, so
 * any range is written in constant memory.
 */
@Component
public class AuditEventReader {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int FETCH_SIZE = 1_000;
    private static final String SELECT = """
            SELECT e.global_index, e.time_stamp, e.payload_type, e.type, e.aggregate_identifier, e.sequence_number,
                   e.meta_data, e.payload, i.action
            FROM audit_event_index i
                 JOIN domain_event_entry e ON e.global_index = i.position
            """;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate readOnly;
    private final PersonalDataProtection personalData;
    private final RowMapper<ObjectNode> items = this::item;

    public AuditEventReader(DataSource dataSource, PlatformTransactionManager transactions,
                            PersonalDataProtection personalData) {
        this.personalData = personalData;
        this.jdbc = new JdbcTemplate(dataSource);
        this.jdbc.setFetchSize(FETCH_SIZE);
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
    }

    /** Up to {@code limit} events after the filter's position, oldest first. */
    List<ObjectNode> page(AuditFilter filter, int limit) {
        List<Object> args = new ArrayList<>();
        String sql = SELECT + " WHERE " + filter.where(args) + " ORDER BY i.position LIMIT ?";
        args.add(limit);
        return jdbc.query(sql, items, args.toArray());
    }

    /** Every event the filter selects, oldest first, one at a time. */
    public void stream(AuditFilter filter, Consumer<ObjectNode> sink) {
        List<Object> args = new ArrayList<>();
        String sql = SELECT + " WHERE " + filter.where(args) + " ORDER BY i.position";
        // PgJDBC fetches in FETCH_SIZE batches only inside a transaction; otherwise it reads the whole result
        readOnly.executeWithoutResult(status -> jdbc.query(sql, (RowCallbackHandler) rs ->
                sink.accept(items.mapRow(rs, 0)), args.toArray()));
    }

    /** Every event of one aggregate in sequence order, read from the event store alone (unindexed ones too). */
    List<ObjectNode> history(String aggregateType, String aggregateId) {
        return jdbc.query("""
                SELECT e.global_index, e.time_stamp, e.payload_type, e.type, e.aggregate_identifier, e.sequence_number,
                       e.meta_data, e.payload, i.action
                FROM domain_event_entry e
                     LEFT JOIN audit_event_index i ON i.position = e.global_index
                WHERE e.aggregate_identifier = ? AND e.type = ?
                ORDER BY e.sequence_number""", items, aggregateId, aggregateType);
    }

    /** One event as answered, its personal values decrypted (or erased) as every other reader sees them. */
    private ObjectNode item(ResultSet rs, int row) throws SQLException {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        JsonNode metadata = tree(rs.getBytes("meta_data"));
        personalData.revealMetadata(metadata);
        ObjectNode item = nodes.objectNode();
        item.put("position", rs.getLong("global_index"));
        item.put("timestamp", rs.getString("time_stamp"));
        item.put("action", rs.getString("action"));
        String payloadType = rs.getString("payload_type");
        item.put("event_type", payloadType.substring(Math.max(payloadType.lastIndexOf('.'),
                payloadType.lastIndexOf('$')) + 1));
        ObjectNode actor = item.putObject("actor");
        actor.set("id", numberOrText(metadata.get(MetadataKeys.ACTOR_USER_ID)));
        actor.set("uid", textOrNull(metadata.get(MetadataKeys.ACTOR_UID)));
        actor.set("role", textOrNull(metadata.get(MetadataKeys.ACTOR_ROLE)));
        actor.set("school", numberOrText(metadata.get(MetadataKeys.ACTOR_SCHOOL)));
        ObjectNode aggregate = item.putObject("aggregate");
        aggregate.put("type", rs.getString("type"));
        aggregate.put("id", rs.getString("aggregate_identifier"));
        aggregate.put("sequence", rs.getLong("sequence_number"));
        item.set("ip_address", textOrNull(metadata.get(MetadataKeys.CLIENT_IP)));
        item.set("user_agent", textOrNull(metadata.get(MetadataKeys.USER_AGENT)));
        item.set("correlation_id", textOrNull(metadata.get(MetadataKeys.CORRELATION_ID)));
        JsonNode payload = tree(rs.getBytes("payload"));
        personalData.revealPayload(payloadType, payload);
        item.set("payload", payload);
        return item;
    }

    private static JsonNode tree(byte[] json) {
        if (json == null) {
            return JsonNodeFactory.instance.objectNode();
        }
        try {
            return JSON.readTree(json);
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
    }

    private static JsonNode textOrNull(JsonNode value) {
        return value == null || value.isNull() ? JsonNodeFactory.instance.nullNode()
                : JsonNodeFactory.instance.textNode(value.asText());
    }

    /** Metadata ids may be stored as text; they are answered as numbers when they are ones. */
    private static JsonNode numberOrText(JsonNode value) {
        if (value == null || value.isNull()) {
            return JsonNodeFactory.instance.nullNode();
        }
        Long number = number(value);
        return number == null ? JsonNodeFactory.instance.textNode(value.asText())
                : JsonNodeFactory.instance.numberNode(number);
    }

    private static Long number(JsonNode value) {
        if (value.isIntegralNumber()) {
            return value.asLong();
        }
        try {
            return value.isTextual() ? Long.valueOf(value.asText()) : null;
        } catch (NumberFormatException notANumber) {
            return null;
        }
    }
}
