package org.fractionball.lms.projections.audit;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.serialization.UnknownSerializedType;
import org.fractionball.lms.events.shared.MetadataKeys;
import org.fractionball.lms.projections.BatchedWrites;
import org.fractionball.lms.projections.BinaryCopy;
import org.fractionball.lms.projections.ProjectionNames;
import org.fractionball.lms.projections.StoredPosition;
import org.fractionball.lms.projections.WriteMode;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.fractionball.lms.projections.BatchArrays.bigints;
import static org.fractionball.lms.projections.BatchArrays.texts;

/**
 * Indexes every stored event, audited or not, for the audit API's filters ({@code audit_event_index}).
 * It runs in the audit processing group with {@link AuditLogProjection}, whose action code for the
 * event it stores too ({@link AuditActions}; none for an event that is not audited, or for one handled
 * outside a unit of work). Position, aggregate, type and time are what the event store holds: read
 * from the stored row itself (by event id), or, in a rebuild, taken from the message (read from that
 * row) when its reader knows the event's position ({@link StoredPosition}), and copied in. The rows
 * of a processor batch are written together when it commits ({@link BatchedWrites}).
 */
@Component
@ProcessingGroup(ProjectionNames.AUDIT)
public class AuditIndexProjection {
    private static final int MAX_UID = 128;

    private final JdbcTemplate jdbc;
    private final WriteMode mode;
    private final BatchedWrites<Row> rows = new BatchedWrites<>("audit-index", this::insert);

    public AuditIndexProjection(JdbcTemplate jdbc, WriteMode mode) {
        this.jdbc = jdbc;
        this.mode = mode;
    }

    /** Every event; its payload is not needed, so it is not deserialized here. */
    @EventHandler(payloadType = Object.class)
    void on(EventMessage<?> message) {
        Map<String, ?> metadata = message.getMetaData();
        rows.add(new Row(message.getIdentifier(), number(metadata.get(MetadataKeys.ACTOR_USER_ID)),
                uid(metadata.get(MetadataKeys.ACTOR_UID)), number(metadata.get(MetadataKeys.ACTOR_SCHOOL)),
                stored(message)));
    }

    /**
     * The stored row's columns as the message carries them, when it knows its position and its
     * payload type is known here (the index names the stored type; an unknown one is read from the row).
     */
    private static Stored stored(EventMessage<?> message) {
        if (message instanceof StoredPosition position && message instanceof DomainEventMessage<?> domain
                && !UnknownSerializedType.class.isAssignableFrom(message.getPayloadType())) {
            return new Stored(position.storedPosition(), message.getPayloadType().getSimpleName(), domain.getType(),
                    domain.getAggregateIdentifier(), message.getTimestamp());
        }
        return null;
    }

    /**
     * One statement per batch: the stored rows are read by event id, the actors come as arrays. The
     * position must come from the stored row: a tracking token's position is the highest one the
     * processor has seen, which is not the event's own when the event fills a gap (an append that
     * committed late).
     */
    private void insert(List<Row> batch) {
        Map<String, String> actions = AuditActions.ofBatch();
        if (mode.copiesNewRows()) {
            batch = copyStored(batch, actions);
            if (batch.isEmpty()) {
                return;
            }
        }
        List<Row> joined = batch;
        jdbc.update(connection -> {
            PreparedStatement statement = connection.prepareStatement("""
                    INSERT INTO audit_event_index (position, event_id, event_type, aggregate_type, aggregate_id,
                                                   actor_id, actor_uid, school_id, created_at, action)
                    SELECT e.global_index, e.event_identifier, regexp_replace(e.payload_type, '^.*[.$]', ''), e.type,
                           e.aggregate_identifier, r.actor_id, r.actor_uid, r.school_id, e.time_stamp::timestamptz,
                           r.action
                    FROM unnest(?::varchar[], ?::bigint[], ?::varchar[], ?::bigint[], ?::varchar[])
                             WITH ORDINALITY AS r(event_id, actor_id, actor_uid, school_id, action, n)
                         JOIN domain_event_entry e ON e.event_identifier = r.event_id
                    ORDER BY r.n
                    ON CONFLICT (position) DO NOTHING""");
            statement.setArray(1, texts(connection, "varchar", joined, Row::eventId));
            statement.setArray(2, bigints(connection, joined, Row::actorId));
            statement.setArray(3, texts(connection, "varchar", joined, Row::actorUid));
            statement.setArray(4, bigints(connection, joined, Row::schoolId));
            statement.setArray(5, texts(connection, "varchar", joined, row -> actions.get(row.eventId())));
            return statement;
        });
    }

    /** Copies in the rows whose stored columns the messages carried; returns the others. */
    private List<Row> copyStored(List<Row> batch, Map<String, String> actions) {
        BinaryCopy copy = new BinaryCopy("audit_event_index (position, event_id, event_type, aggregate_type,"
                + " aggregate_id, actor_id, actor_uid, school_id, created_at, action)");
        List<Row> others = new ArrayList<>();
        for (Row row : batch) {
            Stored stored = row.stored();
            if (stored == null) {
                others.add(row);
            } else {
                copy.row(10).bigint(stored.position()).text(row.eventId()).text(stored.eventType())
                        .text(stored.aggregateType()).text(stored.aggregateId()).bigint(row.actorId())
                        .text(row.actorUid()).bigint(row.schoolId()).timestamptz(stored.createdAt())
                        .text(actions.get(row.eventId()));
            }
        }
        if (copy.rows() > 0) {
            copy.copyInto(jdbc);
        }
        return others;
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

    private record Row(String eventId, Long actorId, String actorUid, Long schoolId, Stored stored) {
    }

    private record Stored(long position, String eventType, String aggregateType, String aggregateId,
                          Instant createdAt) {
    }
}
