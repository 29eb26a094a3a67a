package org.fractionball.lms.command.accounts;

import org.fractionball.lms.command.web.CommandRejected;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Locale;

@Component
public class JdbcUserRegistry implements UserRegistry {
    private final JdbcTemplate jdbc;

    public JdbcUserRegistry(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void register(long userId, String firebaseUid, String username, String email, long schoolId,
                         boolean active) {
        if (userIdFor(firebaseUid) != null) {
            throw CommandRejected.field(400, "firebase_uid", UID_TAKEN);
        }
        refuseTaken(userId, username, email);
        try {
            jdbc.update("INSERT INTO user_registry (user_id, firebase_uid, username, email_key, school_id, active) "
                    + "VALUES (?, ?, ?, ?, ?, ?)", userId, firebaseUid, username, emailKey(email), schoolId, active);
        } catch (DuplicateKeyException raced) {
            throw CommandRejected.conflict("Another request is creating a user with this Firebase UID, username "
                    + "or email at the same time.");
        }
    }

    @Override
    public void changeIdentity(long userId, String username, String email) {
        refuseTaken(userId, username, email);
        try {
            jdbc.update("UPDATE user_registry SET username = ?, email_key = ? WHERE user_id = ?", username,
                    emailKey(email), userId);
        } catch (DuplicateKeyException raced) {
            throw CommandRejected.conflict("Another request is taking this username or email at the same time.");
        }
    }

    @Override
    public void changeSchool(long userId, long schoolId) {
        jdbc.update("UPDATE user_registry SET school_id = ? WHERE user_id = ?", schoolId, userId);
    }

    @Override
    public void changeActive(long userId, boolean active) {
        jdbc.update("UPDATE user_registry SET active = ? WHERE user_id = ?", active, userId);
    }

    @Override
    public void remove(long userId) {
        jdbc.update("DELETE FROM user_registry WHERE user_id = ?", userId);
    }

    @Override
    public void erase(long userId) {
        jdbc.update("UPDATE user_registry SET username = 'erased-' || user_id, email_key = '', full_name = '', "
                + "active = false WHERE user_id = ?", userId);
    }

    @Override
    public Long userIdFor(String firebaseUid) {
        List<Long> ids = jdbc.queryForList("SELECT user_id FROM user_registry WHERE firebase_uid = ?", Long.class,
                firebaseUid);
        return ids.isEmpty() ? null : ids.get(0);
    }

    @Override
    public Long schoolOf(long userId) {
        List<Long> schools = jdbc.queryForList("SELECT school_id FROM user_registry WHERE user_id = ?", Long.class,
                userId);
        return schools.isEmpty() ? null : schools.get(0);
    }

    @Override
    public long countActiveUsers(long schoolId) {
        Long count = jdbc.queryForObject("SELECT count(*) FROM user_registry WHERE school_id = ? AND active",
                Long.class, schoolId);
        return count == null ? 0 : count;
    }

    private void refuseTaken(long userId, String username, String email) {
        if (!jdbc.queryForList("SELECT user_id FROM user_registry WHERE username = ? AND user_id <> ?", Long.class,
                username, userId).isEmpty()) {
            throw CommandRejected.field(400, "username", USERNAME_TAKEN);
        }
        String key = emailKey(email);
        if (!key.isEmpty() && !jdbc.queryForList(
                "SELECT user_id FROM user_registry WHERE email_key = ? AND user_id <> ?", Long.class, key, userId)
                .isEmpty()) {
            throw CommandRejected.field(400, "email", EMAIL_TAKEN);
        }
    }

    /** E-mails compare case-insensitively; blank e-mails never collide (fixing D17). */
    private static String emailKey(String email) {
        return email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
    }

    @Override
    public void changeNames(long userId, String firstName, String lastName) {
        String fullName = firstName.isEmpty() || lastName.isEmpty() ? "" : firstName + " " + lastName;
        jdbc.update("UPDATE user_registry SET full_name = ? WHERE user_id = ?", fullName, userId);
    }

    @Override
    public String fullNameOf(long userId) {
        List<String> names = jdbc.queryForList(
                "SELECT coalesce(nullif(full_name, ''), username) FROM user_registry WHERE user_id = ?", String.class,
                userId);
        return names.isEmpty() ? null : names.get(0);
    }
}
