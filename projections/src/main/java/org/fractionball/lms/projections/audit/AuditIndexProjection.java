package org.fractionball.lms.projections.audit;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.serialization.UnknownSerializedType;
import org.fractionball.lms.events.shared.MetadataKeys;
import org.fractionball.lms.projections.BatchedWrites;
import org.fractionball.lms.projections.ProjectionNames;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.PreparedStatement;
import java.util.List;
import java.util.Map;

/**
 * Indexes every stored event, audited or not, for the audit API's filters ({@code audit_event_index}).
 * It runs in the audit processing group, so a row and the event's {@code audit_log_view} action are
 * written in the same batch. Position, aggregate, type and time are those the event store gave the
 * processor with the event (its tracking token's position is the row's global index), so the index
 * names exactly what the store holds. The rows of a processor batch are inserted together when it
 * commits ({@link BatchedWrites}).
 */
@Component
@ProcessingGroup(ProjectionNames.AUDIT)
public class AuditIndexProjection {
    private static final int MAX_UID = 128;

    private final JdbcTemplate jdbc;
    private final BatchedWrites<Row> rows = new BatchedWrites<>("audit-index", this::insert);

    public AuditIndexProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Every event; its payload is not needed, so it is not deserialized here. */
    @EventHandler(payloadType = Object.class)
    void on(EventMessage<?> message) {
        if (!(message instanceof TrackedEventMessage<?> tracked) || tracked.trackingToken().position().isEmpty()) {
            throw new IllegalStateException("The audit index needs the stored position of event " + message.getIdentifier());
        }
        DomainEventMessage<?> domain = message instanceof DomainEventMessage<?> d ? d : null;
        Map<String, ?> metadata = message.getMetaData();
        rows.add(new Row(tracked.trackingToken().position().getAsLong(), message.getIdentifier(), typeName(message),
                domain == null ? null : domain.getType(),
                domain == null ? message.getIdentifier() : domain.getAggregateIdentifier(),
                number(metadata.get(MetadataKeys.ACTOR_USER_ID)), uid(metadata.get(MetadataKeys.ACTOR_UID)),
                number(metadata.get(MetadataKeys.ACTOR_SCHOOL)), message.getTimestamp().toString()));
    }

    /**
     * The stored payload type's simple name, as the store names it (a type this build no longer has
     * keeps its stored name).
     */
    private static String typeName(EventMessage<?> message) {
        String stored = message.getPayloadType() == UnknownSerializedType.class
                ? ((UnknownSerializedType) message.getPayload()).serializedType().getName()
                : message.getPayloadType().getName();
        return stored.substring(Math.max(stored.lastIndexOf('.'), stored.lastIndexOf('$')) + 1);
    }

    /**
     * One statement per batch, the columns as arrays. The values come with the messages (position
     * from the tracking token, aggregate, type and time as the store gave them), so the stored rows
     * are not looked up again.
     */
    private void insert(List<Row> batch) {
        jdbc.update(connection -> {
            PreparedStatement statement = connection.prepareStatement("""
                    INSERT INTO audit_event_index (position, event_id, event_type, aggregate_type, aggregate_id,
                                                   actor_id, actor_uid, school_id, created_at)
                    SELECT position, event_id, event_type, aggregate_type, aggregate_id, actor_id, actor_uid, school_id,
                           created_at::timestamptz
                    FROM unnest(?::bigint[], ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::bigint[],
                                ?::varchar[], ?::bigint[], ?::text[])
                             AS r(position, event_id, event_type, aggregate_type, aggregate_id, actor_id, actor_uid,
                                  school_id, created_at)
                    ON CONFLICT (position) DO NOTHING""");
            statement.setArray(1, connection.createArrayOf("bigint", batch.stream().map(Row::position).toArray()));
            statement.setArray(2, connection.createArrayOf("varchar", batch.stream().map(Row::eventId).toArray()));
            statement.setArray(3, connection.createArrayOf("varchar", batch.stream().map(Row::eventType).toArray()));
            statement.setArray(4, connection.createArrayOf("varchar",
                    batch.stream().map(Row::aggregateType).toArray()));
            statement.setArray(5, connection.createArrayOf("varchar", batch.stream().map(Row::aggregateId).toArray()));
            statement.setArray(6, connection.createArrayOf("bigint", batch.stream().map(Row::actorId).toArray()));
            statement.setArray(7, connection.createArrayOf("varchar", batch.stream().map(Row::actorUid).toArray()));
            statement.setArray(8, connection.createArrayOf("bigint", batch.stream().map(Row::schoolId).toArray()));
            statement.setArray(9, connection.createArrayOf("text", batch.stream().map(Row::createdAt).toArray()));
            return statement;
        });
    }

    @ResetHandler
    void reset() {
        jdbc.update("TRUNCATE audit_event_index");
    }

    private static Long number(Object value) {
        try {
            return value == null ? null : Long.valueOf(value.toString());
        } catch (NumberFormatException notANumber) {
            return null;
        }
    }

    private static String uid(Object value) {
        if (value == null) {
            return null;
        }
        String text = value.toString();
        return text.length() > MAX_UID ? text.substring(0, MAX_UID) : text;
    }

    private record Row(long position, String eventId, String eventType, String aggregateType, String aggregateId,
                       Long actorId, String actorUid, Long schoolId, String createdAt) {
    }
}
