package org.fractionball.lms.query.config;

import org.axonframework.queryhandling.QueryHandler;
import org.fractionball.lms.events.config.ConfigType;
import org.fractionball.lms.projections.config.ConfigChangeView;
import org.fractionball.lms.projections.config.FeatureFlagView;
import org.fractionball.lms.projections.config.SystemConfigView;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Answers configuration queries from the {@code config} group's tables; user names from {@code user_view}. */
@Component
public class ConfigQueries {
    private static final String FULL_NAME = """
            (SELECT CASE WHEN u.first_name <> '' AND u.last_name <> '' THEN u.first_name || ' ' || u.last_name
                         ELSE u.username END FROM user_view u WHERE u.id = %s)""";
    private static final String SELECT_CONFIG = "SELECT c.*, " + FULL_NAME.formatted("c.updated_by")
            + " AS updated_by_name FROM system_config_view c";
    private static final String SELECT_FLAG = "SELECT f.*, " + FULL_NAME.formatted("f.created_by")
            + " AS created_by_name, " + FULL_NAME.formatted("f.updated_by") + " AS updated_by_name FROM feature_flag_view f";
    private static final RowMapper<SystemConfigView> CONFIG = (rs, n) -> new SystemConfigView(
            rs.getObject("id", UUID.class), rs.getString("config_key"), rs.getString("value"),
            ConfigType.valueOf(rs.getString("config_type")), rs.getString("name"), rs.getString("description"),
            rs.getString("category"), rs.getBoolean("is_public"), rs.getBoolean("is_editable"),
            rs.getString("validation_regex"), nullableDouble(rs, "min_value"), nullableDouble(rs, "max_value"),
            instant(rs, "created_at"), instant(rs, "updated_at"), nullableLong(rs, "updated_by"),
            rs.getString("updated_by_name"));
    private static final RowMapper<FeatureFlagView> FLAG = (rs, n) -> new FeatureFlagView(
            rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("display_name"),
            rs.getString("description"), rs.getBoolean("is_enabled"), rs.getBoolean("is_permanent"),
            Arrays.asList((Long[]) rs.getArray("applies_to_schools").getArray()),
            Arrays.asList((String[]) rs.getArray("applies_to_roles").getArray()), instant(rs, "created_at"),
            instant(rs, "updated_at"), nullableLong(rs, "created_by"), rs.getString("created_by_name"),
            nullableLong(rs, "updated_by"), rs.getString("updated_by_name"));
    private static final RowMapper<ConfigChangeView> CHANGE = (rs, n) -> new ConfigChangeView(
            rs.getString("event_id"), rs.getObject("config_id", UUID.class), rs.getString("config_key"),
            rs.getString("config_name"), rs.getString("old_value"), rs.getString("new_value"),
            rs.getString("change_reason"), nullableLong(rs, "changed_by"), rs.getString("changed_by_name"),
            instant(rs, "changed_at"), rs.getString("ip_address"));

    private final JdbcTemplate jdbc;

    public ConfigQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @QueryHandler
    public List<SystemConfigView> handle(FindSystemConfigs query) {
        List<Object> args = new ArrayList<>();
        String sql = SELECT_CONFIG + where(query.filter(), args) + " ORDER BY c.category, c.name, c.config_key";
        if (query.limit() > 0) {
            sql += " LIMIT ? OFFSET ?";
            args.add(query.limit());
            args.add(query.offset());
        }
        return jdbc.query(sql, CONFIG, args.toArray());
    }

    @QueryHandler
    public Long handle(CountSystemConfigs query) {
        List<Object> args = new ArrayList<>();
        return jdbc.queryForObject("SELECT count(*) FROM system_config_view c" + where(query.filter(), args),
                Long.class, args.toArray());
    }

    @QueryHandler
    public Optional<SystemConfigView> handle(FindSystemConfig query) {
        return jdbc.query(SELECT_CONFIG + " WHERE c.id = ?", CONFIG, query.configId()).stream().findFirst();
    }

    @QueryHandler
    public List<ConfigChangeView> handle(FindConfigChanges query) {
        List<Object> args = new ArrayList<>();
        List<String> conditions = new ArrayList<>();
        if (query.configId() != null) {
            conditions.add("h.config_id = ?");
            args.add(query.configId());
        }
        if (query.since() != null) {
            conditions.add("h.changed_at >= ?");
            args.add(Timestamp.from(query.since()));
        }
        args.add(query.limit());
        return jdbc.query("SELECT h.*, " + FULL_NAME.formatted("h.changed_by") + " AS changed_by_name "
                + "FROM config_change_view h" + (conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions))
                + " ORDER BY h.changed_at DESC, h.event_id DESC LIMIT ?", CHANGE, args.toArray());
    }

    @QueryHandler
    public List<FeatureFlagView> handle(FindFeatureFlags query) {
        List<Object> args = new ArrayList<>();
        String sql = SELECT_FLAG + flagWhere(query.enabled(), query.permanent(), args)
                + " ORDER BY f.display_name, f.name";
        if (query.limit() > 0) {
            sql += " LIMIT ? OFFSET ?";
            args.add(query.limit());
            args.add(query.offset());
        }
        return jdbc.query(sql, FLAG, args.toArray());
    }

    @QueryHandler
    public Long handle(CountFeatureFlags query) {
        List<Object> args = new ArrayList<>();
        return jdbc.queryForObject("SELECT count(*) FROM feature_flag_view f"
                + flagWhere(query.enabled(), query.permanent(), args), Long.class, args.toArray());
    }

    @QueryHandler
    public Optional<FeatureFlagView> handle(FindFeatureFlag query) {
        return jdbc.query(SELECT_FLAG + " WHERE f.id = ?", FLAG, query.flagId()).stream().findFirst();
    }

    @QueryHandler
    public Long handle(FindConfigVersion query) {
        return jdbc.queryForObject("SELECT version FROM config_version", Long.class);
    }

    private static String where(ConfigFilter filter, List<Object> args) {
        List<String> conditions = new ArrayList<>();
        if (filter.category() != null) {
            conditions.add("c.category = ?");
            args.add(filter.category());
        }
        if (filter.type() != null) {
            conditions.add("c.config_type = ?");
            args.add(filter.type().name());
        }
        if (filter.isPublic() != null) {
            conditions.add("c.is_public = ?");
            args.add(filter.isPublic());
        }
        if (filter.editable() != null) {
            conditions.add("c.is_editable = ?");
            args.add(filter.editable());
        }
        return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }

    private static String flagWhere(Boolean enabled, Boolean permanent, List<Object> args) {
        List<String> conditions = new ArrayList<>();
        if (enabled != null) {
            conditions.add("f.is_enabled = ?");
            args.add(enabled);
        }
        if (permanent != null) {
            conditions.add("f.is_permanent = ?");
            args.add(permanent);
        }
        return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        return rs.getTimestamp(column).toInstant();
    }

    private static Double nullableDouble(ResultSet rs, String column) throws SQLException {
        double value = rs.getDouble(column);
        return rs.wasNull() ? null : value;
    }

    private static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }
}
