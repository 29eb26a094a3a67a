package org.fractionball.lms.command.ids;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Allocates the integer ids the contract keeps for schools and users, from database sequences
 * the command side owns (shared by every node, never reused).
 */
@Component
public class IntegerIds {
    private final JdbcTemplate jdbc;

    public IntegerIds(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public long nextSchoolId() {
        return next("school_id_seq");
    }

    public long nextUserId() {
        return next("user_id_seq");
    }

    private long next(String sequence) {
        Long value = jdbc.queryForObject("SELECT nextval('" + sequence + "')", Long.class);
        return value == null ? 0 : value;
    }
}
