package org.fractionball.lms.command.accounts;

import org.fractionball.lms.command.web.CommandRejected;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.List;

@Component
public class JdbcUserRegistry implements UserRegistry {
    static final String UID_TAKEN = "A user with this Firebase UID already exists.";
    static final String USERNAME_TAKEN = "A user with that username already exists.";

    private final JdbcTemplate jdbc;

    public JdbcUserRegistry(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void register(long userId, String firebaseUid, String username, long schoolId, boolean active) {
        if (userIdFor(firebaseUid) != null) {
            throw CommandRejected.field(400, "firebase_uid", UID_TAKEN);
        }
        if (!jdbc.queryForList("SELECT user_id FROM user_registry WHERE username = ?", Long.class, username)
                .isEmpty()) {
            throw CommandRejected.field(400, "username", USERNAME_TAKEN);
        }
        try {
            jdbc.update("INSERT INTO user_registry (user_id, firebase_uid, username, school_id, active) "
                    + "VALUES (?, ?, ?, ?, ?)", userId, firebaseUid, username, schoolId, active);
        } catch (DuplicateKeyException raced) {
            throw CommandRejected.conflict("A user with this Firebase UID or username is being created concurrently.");
        }
    }

    @Override
    public Long userIdFor(String firebaseUid) {
        List<Long> ids = jdbc.queryForList("SELECT user_id FROM user_registry WHERE firebase_uid = ?", Long.class,
                firebaseUid);
        return ids.isEmpty() ? null : ids.get(0);
    }

    @Override
    public long countActiveUsers(long schoolId) {
        Long count = jdbc.queryForObject("SELECT count(*) FROM user_registry WHERE school_id = ? AND active",
                Long.class, schoolId);
        return count == null ? 0 : count;
    }
}
