package org.fractionball.lms.query.accounts;

import org.axonframework.queryhandling.QueryHandler;
import org.fractionball.lms.events.shared.Role;
import org.fractionball.lms.projections.accounts.UserView;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Answers user queries from {@code user_view} joined with {@code school_view}. */
@Component
public class UserQueries {
    private static final String SELECT = """
            SELECT u.id, u.firebase_uid, u.username, u.email, u.first_name, u.last_name, u.role, u.school_id,
                   COALESCE(s.name, '') AS school_name, u.phone, u.is_active, u.created_at, u.updated_at,
                   u.last_login
            FROM user_view u LEFT JOIN school_view s ON s.id = u.school_id
            """;
    private static final RowMapper<UserView> ROW = (rs, n) -> new UserView(rs.getLong("id"),
            rs.getString("firebase_uid"), rs.getString("username"), rs.getString("email"),
            rs.getString("first_name"), rs.getString("last_name"), Role.valueOf(rs.getString("role")),
            rs.getLong("school_id"), rs.getString("school_name"), rs.getString("phone"), rs.getBoolean("is_active"),
            rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant(),
            instantOrNull(rs.getTimestamp("last_login")));

    private final JdbcTemplate jdbc;

    public UserQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @QueryHandler
    public Optional<UserView> handle(FindUserByFirebaseUid query) {
        return jdbc.query(SELECT + " WHERE u.firebase_uid = ?", ROW, query.firebaseUid()).stream().findFirst();
    }

    @QueryHandler
    public Optional<UserView> handle(FindUser query) {
        return jdbc.query(SELECT + " WHERE u.id = ?", ROW, query.userId()).stream().findFirst();
    }

    @QueryHandler
    public List<UserView> handle(FindUsers query) {
        List<Object> args = new ArrayList<>();
        String where = where(query.filter(), args);
        args.add(query.limit());
        args.add(query.offset());
        return jdbc.query(SELECT + where + " ORDER BY " + orderBy(query.filter().ordering()) + " LIMIT ? OFFSET ?",
                ROW, args.toArray());
    }

    @QueryHandler
    public Long handle(CountUsers query) {
        List<Object> args = new ArrayList<>();
        String where = where(query.filter(), args);
        return jdbc.queryForObject("SELECT count(*) FROM user_view u" + where, Long.class, args.toArray());
    }

    /** Columns a client may order by (contract §0.5 ordering, fixing D9). */
    public static final List<String> ORDERINGS = List.of("username", "email", "first_name", "last_name", "role",
            "created_at", "updated_at", "last_login");

    private static String orderBy(String ordering) {
        if (ordering == null) {
            return "u.last_name, u.first_name, u.id";
        }
        boolean descending = ordering.startsWith("-");
        String column = descending ? ordering.substring(1) : ordering;
        if (!ORDERINGS.contains(column)) {
            throw new IllegalArgumentException("ordering " + ordering);
        }
        return "u." + column + (descending ? " DESC NULLS LAST" : " ASC NULLS FIRST") + ", u.id";
    }

    private static String where(UserFilter filter, List<Object> args) {
        List<String> conditions = new ArrayList<>();
        if (filter.schoolId() != null) {
            conditions.add("u.school_id = ?");
            args.add(filter.schoolId());
        }
        if (filter.role() != null) {
            conditions.add("u.role = ?");
            args.add(filter.role().name());
        }
        if (filter.active() != null) {
            conditions.add("u.is_active = ?");
            args.add(filter.active());
        }
        if (filter.search() != null && !filter.search().isBlank()) {
            // NUL cannot appear in PostgreSQL text, so it can match nothing: drop it rather than fail
            String pattern = "%" + filter.search().replace("\u0000", "").strip().toLowerCase(java.util.Locale.ROOT)
                    .replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
            conditions.add("(lower(u.username) LIKE ? OR lower(u.email) LIKE ? OR lower(u.first_name) LIKE ? "
                    + "OR lower(u.last_name) LIKE ?)");
            args.addAll(List.of(pattern, pattern, pattern, pattern));
        }
        return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }

    private static java.time.Instant instantOrNull(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
