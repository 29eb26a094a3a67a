package org.fractionball.lms.query.accounts;

import org.axonframework.queryhandling.QueryHandler;
import org.fractionball.lms.events.shared.Role;
import org.fractionball.lms.projections.accounts.UserView;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
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

    private static java.time.Instant instantOrNull(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
