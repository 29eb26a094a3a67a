package org.fractionball.lms.projections.config;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.fractionball.lms.events.config.ConfigDefinition;
import org.fractionball.lms.events.config.FeatureFlagChanged;
import org.fractionball.lms.events.config.FeatureFlagCreated;
import org.fractionball.lms.events.config.FeatureFlagDeleted;
import org.fractionball.lms.events.config.FeatureFlagToggled;
import org.fractionball.lms.events.config.FlagDefinition;
import org.fractionball.lms.events.config.SystemConfigChanged;
import org.fractionball.lms.events.config.SystemConfigCreated;
import org.fractionball.lms.events.config.SystemConfigDeleted;
import org.fractionball.lms.events.shared.MetadataKeys;
import org.fractionball.lms.projections.ProjectionNames;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Array;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/**
 * Keeps {@code system_config_view}, {@code config_change_view} and {@code feature_flag_view}, and
 * raises {@code config_version} with every change so the cached public configuration is replaced
 * at once (D25e: the original kept it up to 300 s stale after most changes).
 */
@Component
@ProcessingGroup(ProjectionNames.CONFIG)
public class ConfigProjection {
    private final JdbcTemplate jdbc;

    public ConfigProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(SystemConfigCreated event, EventMessage<?> message, @Timestamp Instant at) {
        ConfigDefinition d = event.definition();
        jdbc.update("""
                INSERT INTO system_config_view (id, config_key, value, config_type, name, description, category,
                                                is_public, is_editable, validation_regex, min_value, max_value,
                                                created_at, updated_at, updated_by)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (id) DO NOTHING""",
                event.configId(), event.key(), d.value(), d.type().name(), d.name(), d.description(), d.category(),
                d.isPublic(), d.editable(), d.validationRegex(), d.minValue(), d.maxValue(), time(at), time(at),
                event.changedBy());
        change(message, event.configId(), event.key(), d.name(), "", d.value(), event.reason(), event.changedBy(), at);
        bump();
    }

    @EventHandler
    void on(SystemConfigChanged event, EventMessage<?> message, @Timestamp Instant at) {
        ConfigDefinition d = event.definition();
        jdbc.update("""
                UPDATE system_config_view SET value = ?, config_type = ?, name = ?, description = ?, category = ?,
                       is_public = ?, is_editable = ?, validation_regex = ?, min_value = ?, max_value = ?,
                       updated_at = ?, updated_by = ?
                WHERE id = ?""",
                d.value(), d.type().name(), d.name(), d.description(), d.category(), d.isPublic(), d.editable(),
                d.validationRegex(), d.minValue(), d.maxValue(), time(at), event.changedBy(), event.configId());
        if (event.valueChanged()) {
            change(message, event.configId(), event.key(), d.name(), event.previousValue(), d.value(),
                    event.reason(), event.changedBy(), at);
        }
        bump();
    }

    /** As in the original, an entry's history goes with it. */
    @EventHandler
    void on(SystemConfigDeleted event) {
        jdbc.update("DELETE FROM system_config_view WHERE id = ?", event.configId());
        jdbc.update("DELETE FROM config_change_view WHERE config_id = ?", event.configId());
        bump();
    }

    @EventHandler
    void on(FeatureFlagCreated event, @Timestamp Instant at) {
        FlagDefinition d = event.definition();
        jdbc.update(connection -> {
            var insert = connection.prepareStatement("""
                    INSERT INTO feature_flag_view (id, name, display_name, description, is_enabled, is_permanent,
                                                   applies_to_schools, applies_to_roles, created_at, updated_at,
                                                   created_by, updated_by)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (id) DO NOTHING""");
            insert.setObject(1, event.flagId());
            insert.setString(2, event.name());
            insert.setString(3, d.displayName());
            insert.setString(4, d.description());
            insert.setBoolean(5, d.enabled());
            insert.setBoolean(6, d.permanent());
            insert.setArray(7, schools(connection, d.schools()));
            insert.setArray(8, connection.createArrayOf("text", d.roles().toArray()));
            insert.setObject(9, time(at));
            insert.setObject(10, time(at));
            insert.setObject(11, event.changedBy());
            insert.setObject(12, event.changedBy());
            return insert;
        });
        bump();
    }

    @EventHandler
    void on(FeatureFlagChanged event, @Timestamp Instant at) {
        FlagDefinition d = event.definition();
        jdbc.update(connection -> {
            var update = connection.prepareStatement("""
                    UPDATE feature_flag_view SET display_name = ?, description = ?, is_enabled = ?, is_permanent = ?,
                           applies_to_schools = ?, applies_to_roles = ?, updated_at = ?, updated_by = ?
                    WHERE id = ?""");
            update.setString(1, d.displayName());
            update.setString(2, d.description());
            update.setBoolean(3, d.enabled());
            update.setBoolean(4, d.permanent());
            update.setArray(5, schools(connection, d.schools()));
            update.setArray(6, connection.createArrayOf("text", d.roles().toArray()));
            update.setObject(7, time(at));
            update.setObject(8, event.changedBy());
            update.setObject(9, event.flagId());
            return update;
        });
        bump();
    }

    @EventHandler
    void on(FeatureFlagToggled event, @Timestamp Instant at) {
        jdbc.update("UPDATE feature_flag_view SET is_enabled = ?, updated_at = ?, updated_by = ? WHERE id = ?",
                event.enabled(), time(at), event.changedBy(), event.flagId());
        bump();
    }

    @EventHandler
    void on(FeatureFlagDeleted event) {
        jdbc.update("DELETE FROM feature_flag_view WHERE id = ?", event.flagId());
        bump();
    }

    /** The version is never reset, so a rebuild cannot make an old cached answer current again. */
    @ResetHandler
    void reset() {
        jdbc.update("TRUNCATE system_config_view, config_change_view, feature_flag_view");
        bump();
    }

    private void change(EventMessage<?> message, UUID configId, String key, String name, String oldValue,
                        String newValue, String reason, Long changedBy, Instant at) {
        Object ip = message.getMetaData().get(MetadataKeys.CLIENT_IP);
        jdbc.update("""
                INSERT INTO config_change_view (event_id, config_id, config_key, config_name, old_value, new_value,
                                                change_reason, changed_by, changed_at, ip_address)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (event_id) DO NOTHING""",
                message.getIdentifier(), configId, key, name, oldValue, newValue, reason, changedBy, time(at),
                ip == null || ip.toString().isEmpty() ? null : ip.toString());
    }

    private void bump() {
        jdbc.update("UPDATE config_version SET version = version + 1");
    }

    private static Array schools(Connection connection, List<Long> schools) throws SQLException {
        return connection.createArrayOf("bigint", schools.toArray());
    }

    private static OffsetDateTime time(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }
}
