package org.fractionball.lms.projections.audit;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.fractionball.lms.events.shared.MetadataKeys;
import org.fractionball.lms.projections.BatchedWrites;
import org.fractionball.lms.projections.ProjectionNames;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.PreparedStatement;
import java.util.List;
import java.util.Map;

import static org.fractionball.lms.projections.BatchArrays.bigints;
import static org.fractionball.lms.projections.BatchArrays.texts;

/**
 * Indexes every stored event, audited or not, for the audit API's filters ({@code audit_event_index}).
 * It runs in the audit processing group with {@link AuditLogProjection}, whose action code for the
 * event it stores too ({@link AuditActions}; none for an event that is not audited, or for one handled
 * outside a unit of work). Position, aggregate, type and time are copied from the stored row itself
 * (by event id), so the index names exactly what the event store holds. The rows of a processor
 * batch are inserted together when it commits ({@link BatchedWrites}).
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
        Map<String, ?> metadata = message.getMetaData();
        rows.add(new Row(message.getIdentifier(), number(metadata.get(MetadataKeys.ACTOR_USER_ID)),
                uid(metadata.get(MetadataKeys.ACTOR_UID)), number(metadata.get(MetadataKeys.ACTOR_SCHOOL))));
    }

    /**
     * One statement per batch: the stored rows are read by event id, the actors come as arrays. The
     * position must come from the stored row: a tracking token's position is the highest one the
     * processor has seen, which is not the event's own when the event fills a gap (an append that
     * committed late).
     */
    private void insert(List<Row> batch) {
        Map<String, String> actions = AuditActions.ofBatch();
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
            statement.setArray(1, texts(connection, "varchar", batch, Row::eventId));
            statement.setArray(2, bigints(connection, batch, Row::actorId));
            statement.setArray(3, texts(connection, "varchar", batch, Row::actorUid));
            statement.setArray(4, bigints(connection, batch, Row::schoolId));
            statement.setArray(5, texts(connection, "varchar", batch, row -> actions.get(row.eventId())));
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

    private record Row(String eventId, Long actorId, String actorUid, Long schoolId) {
    }
}
