package org.fractionball.lms.projections.audit;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.fractionball.lms.events.shared.MetadataKeys;
import org.fractionball.lms.projections.ProjectionNames;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.Map;

/**
 * Indexes every stored event, audited or not, for the audit API's filters ({@code audit_event_index}).
 * It runs in the audit processing group, so a row and the event's {@code audit_log_view} action are
 * written in the same batch. Position, aggregate, type and time are copied from the stored row itself
 * (by event id), so the index names exactly what the event store holds.
 */
@Component
@ProcessingGroup(ProjectionNames.AUDIT)
public class AuditIndexProjection {
    private static final int MAX_UID = 128;

    private final JdbcTemplate jdbc;

    public AuditIndexProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(Object event, EventMessage<?> message) {
        Map<String, ?> metadata = message.getMetaData();
        jdbc.update("""
                INSERT INTO audit_event_index (position, event_id, event_type, aggregate_type, aggregate_id,
                                               actor_id, actor_uid, school_id, created_at)
                SELECT global_index, event_identifier, regexp_replace(payload_type, '^.*[.$]', ''), type,
                       aggregate_identifier, ?, ?, ?, time_stamp::timestamptz
                FROM domain_event_entry WHERE event_identifier = ?
                ON CONFLICT DO NOTHING""",
                number(metadata.get(MetadataKeys.ACTOR_USER_ID)), uid(metadata.get(MetadataKeys.ACTOR_UID)),
                number(metadata.get(MetadataKeys.ACTOR_SCHOOL)), message.getIdentifier());
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
}
