package org.fractionball.lms.command.accounts;

import org.fractionball.lms.command.web.CommandRejected;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Test double of {@link JdbcUserRegistry}: the {@code user_registry} table as a list, with the same
 * refusals in the same order (Firebase uid first, then username).
 */
public class InMemoryUserRegistry implements UserRegistry {

    public record Entry(long userId, String firebaseUid, String username, long schoolId, boolean active) {
    }

    private final List<Entry> entries = new ArrayList<>();

    @Override
    public void register(long userId, String firebaseUid, String username, long schoolId, boolean active) {
        if (userIdFor(firebaseUid) != null) {
            throw CommandRejected.field(400, "firebase_uid", JdbcUserRegistry.UID_TAKEN);
        }
        if (entries.stream().anyMatch(entry -> Objects.equals(entry.username(), username))) {
            throw CommandRejected.field(400, "username", JdbcUserRegistry.USERNAME_TAKEN);
        }
        entries.add(new Entry(userId, firebaseUid, username, schoolId, active));
    }

    @Override
    public Long userIdFor(String firebaseUid) {
        return entries.stream().filter(entry -> Objects.equals(entry.firebaseUid(), firebaseUid))
                .map(Entry::userId).findFirst().orElse(null);
    }

    @Override
    public long countActiveUsers(long schoolId) {
        return entries.stream().filter(entry -> entry.schoolId() == schoolId && entry.active()).count();
    }

    public List<Entry> entries() {
        return List.copyOf(entries);
    }
}
