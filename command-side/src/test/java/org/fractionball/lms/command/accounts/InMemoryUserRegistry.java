package org.fractionball.lms.command.accounts;

import org.fractionball.lms.command.web.CommandRejected;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Test double of {@link JdbcUserRegistry}: the {@code user_registry} table as a list, with the same
 * refusals in the same order (Firebase uid first, then username, then non-empty e-mail).
 */
public class InMemoryUserRegistry implements UserRegistry {

    public record Entry(long userId, String firebaseUid, String username, String emailKey, long schoolId,
                        boolean active) {
    }

    private final List<Entry> entries = new ArrayList<>();
    private final Map<Long, String> fullNames = new HashMap<>();

    @Override
    public void register(long userId, String firebaseUid, String username, String email, long schoolId,
                         boolean active) {
        if (userIdFor(firebaseUid) != null) {
            throw CommandRejected.field(400, "firebase_uid", UID_TAKEN);
        }
        refuseTaken(userId, username, email);
        entries.add(new Entry(userId, firebaseUid, username, key(email), schoolId, active));
    }

    @Override
    public void changeIdentity(long userId, String username, String email) {
        refuseTaken(userId, username, email);
        replace(userId, e -> new Entry(e.userId(), e.firebaseUid(), username, key(email), e.schoolId(), e.active()));
    }

    @Override
    public void changeSchool(long userId, long schoolId) {
        replace(userId, e -> new Entry(e.userId(), e.firebaseUid(), e.username(), e.emailKey(), schoolId, e.active()));
    }

    @Override
    public void changeActive(long userId, boolean active) {
        replace(userId, e -> new Entry(e.userId(), e.firebaseUid(), e.username(), e.emailKey(), e.schoolId(), active));
    }

    @Override
    public void erase(long userId) {
        replace(userId, e -> new Entry(e.userId(), e.firebaseUid(), "erased-" + e.userId(), "", e.schoolId(), false));
        fullNames.put(userId, "");
    }

    @Override
    public void remove(long userId) {
        entries.removeIf(entry -> entry.userId() == userId);
    }

    @Override
    public Long userIdFor(String firebaseUid) {
        return entries.stream().filter(entry -> Objects.equals(entry.firebaseUid(), firebaseUid))
                .map(Entry::userId).findFirst().orElse(null);
    }

    @Override
    public Long schoolOf(long userId) {
        return entries.stream().filter(entry -> entry.userId() == userId).map(Entry::schoolId).findFirst()
                .orElse(null);
    }

    @Override
    public long countActiveUsers(long schoolId) {
        return entries.stream().filter(entry -> entry.schoolId() == schoolId && entry.active()).count();
    }

    @Override
    public void changeNames(long userId, String firstName, String lastName) {
        fullNames.put(userId, firstName.isEmpty() || lastName.isEmpty() ? "" : firstName + " " + lastName);
    }

    @Override
    public String fullNameOf(long userId) {
        return entries.stream().filter(entry -> entry.userId() == userId).findFirst()
                .map(entry -> fullNames.getOrDefault(userId, "").isEmpty() ? entry.username() : fullNames.get(userId))
                .orElse(null);
    }

    public List<Entry> entries() {
        return List.copyOf(entries);
    }

    private void refuseTaken(long userId, String username, String email) {
        if (entries.stream().anyMatch(e -> e.userId() != userId && Objects.equals(e.username(), username))) {
            throw CommandRejected.field(400, "username", USERNAME_TAKEN);
        }
        String key = key(email);
        if (!key.isEmpty() && entries.stream().anyMatch(e -> e.userId() != userId && e.emailKey().equals(key))) {
            throw CommandRejected.field(400, "email", EMAIL_TAKEN);
        }
    }

    private void replace(long userId, java.util.function.UnaryOperator<Entry> change) {
        entries.replaceAll(entry -> entry.userId() == userId ? change.apply(entry) : entry);
    }

    private static String key(String email) {
        return email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
    }
}
