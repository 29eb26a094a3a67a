package org.fractionball.lms.command.imports;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Locale;

@Component
public class JdbcImportOwners implements ImportOwners {
    private static final RowMapper<Owner> OWNER = (rs, n) -> new Owner(rs.getLong("user_id"), rs.getLong("school_id"),
            rs.getString("email_key"));

    private final JdbcTemplate jdbc;

    public JdbcImportOwners(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Owner inSchool(String email, long schoolId) {
        String key = email.strip().toLowerCase(Locale.ROOT);
        if (key.isEmpty()) {
            return null;
        }
        return first(jdbc.query("SELECT user_id, school_id, email_key FROM user_registry WHERE email_key = ? "
                + "AND school_id = ?", OWNER, key, schoolId));
    }

    @Override
    public Owner byId(long userId) {
        return first(jdbc.query("SELECT user_id, school_id, email_key FROM user_registry WHERE user_id = ?", OWNER,
                userId));
    }

    private static Owner first(List<Owner> owners) {
        return owners.isEmpty() ? null : owners.get(0);
    }
}
