package org.fractionball.lms.query.schools;

import org.axonframework.queryhandling.QueryHandler;
import org.fractionball.lms.projections.schools.SchoolView;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Answers school queries from {@code school_view}; user counts from {@code user_view}. */
@Component
public class SchoolQueries {
    private static final String SELECT = """
            SELECT s.id, s.name, s.domain, s.address, s.phone, s.is_active, s.created_at, s.updated_at,
                   (SELECT count(*) FROM user_view u WHERE u.school_id = s.id AND u.is_active) AS user_count
            FROM school_view s
            """;
    private static final RowMapper<SchoolView> ROW = (rs, n) -> new SchoolView(rs.getLong("id"),
            rs.getString("name"), rs.getString("domain"), rs.getString("address"), rs.getString("phone"),
            rs.getLong("user_count"), rs.getBoolean("is_active"), rs.getTimestamp("created_at").toInstant(),
            rs.getTimestamp("updated_at").toInstant());

    private final JdbcTemplate jdbc;

    public SchoolQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @QueryHandler
    public List<SchoolView> handle(FindSchools query) {
        List<Object> args = new ArrayList<>();
        String where = activeFilter(query.active(), args);
        args.add(query.limit());
        args.add(query.offset());
        return jdbc.query(SELECT + where + " ORDER BY s.name, s.id LIMIT ? OFFSET ?", ROW, args.toArray());
    }

    @QueryHandler
    public Long handle(CountSchools query) {
        List<Object> args = new ArrayList<>();
        String where = activeFilter(query.active(), args);
        return jdbc.queryForObject("SELECT count(*) FROM school_view s" + where, Long.class, args.toArray());
    }

    @QueryHandler
    public Optional<SchoolView> handle(FindSchool query) {
        return jdbc.query(SELECT + " WHERE s.id = ?", ROW, query.schoolId()).stream().findFirst();
    }

    private static String activeFilter(Boolean active, List<Object> args) {
        if (active == null) {
            return "";
        }
        args.add(active);
        return " WHERE s.is_active = ?";
    }
}
