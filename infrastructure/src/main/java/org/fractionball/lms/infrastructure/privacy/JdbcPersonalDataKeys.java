package org.fractionball.lms.infrastructure.privacy;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The data keys of {@code personal_data_keys}. A key is created by the first event that needs it,
 * in that event's transaction, so a rolled-back append leaves no key behind. Each node caches what
 * it read (keys, erasures, and subjects without a key); what the current transaction wrote itself
 * is cached only once it commits, since a key cached from a rolled-back transaction would encrypt
 * later events under a key nobody stores. Entries expire after {@code lms.personal-data.key-cache-ttl},
 * so an erasure made on another node is honoured here within that time.
 */
@Component
public class JdbcPersonalDataKeys implements SubjectKeys {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int KEY_BYTES = 32;

    private final JdbcTemplate jdbc;
    private final Cache<String, SubjectKey> cache;

    public JdbcPersonalDataKeys(JdbcTemplate jdbc,
                                @Value("${lms.personal-data.key-cache-ttl:30s}") Duration cacheTtl) {
        this.jdbc = jdbc;
        this.cache = Caffeine.newBuilder().maximumSize(100_000).expireAfterWrite(cacheTtl).build();
    }

    @Override
    public SubjectKey find(String subject) {
        SubjectKey cached = cache.getIfPresent(subject);
        return cached != null ? cached : reload(subject);
    }

    @Override
    public SubjectKey reload(String subject) {
        SubjectKey stored = load(subject);
        if (writtenInThisTransaction().contains(subject)) {
            cacheAfterCommit(subject, stored);
        } else {
            cache.put(subject, stored);
        }
        return stored;
    }

    @Override
    public SubjectKey forWriting(String subject) {
        SubjectKey known = find(subject);
        if (known != SubjectKey.NONE) {
            return known;
        }
        byte[] key = new byte[KEY_BYTES];
        RANDOM.nextBytes(key);
        writtenInThisTransaction().add(subject);
        jdbc.update("INSERT INTO personal_data_keys (subject, data_key) VALUES (?, ?) ON CONFLICT (subject) DO NOTHING",
                subject, key);
        return reload(subject);
    }

    /** Also deletes the snapshots of the subject's aggregate: they hold its state in plain text. */
    @Override
    public boolean erase(String subject) {
        writtenInThisTransaction().add(subject);
        List<Boolean> erasedBefore = jdbc.queryForList("""
                INSERT INTO personal_data_keys AS k (subject, data_key, erased_at) VALUES (?, NULL, now())
                ON CONFLICT (subject) DO UPDATE SET data_key = NULL, erased_at = coalesce(k.erased_at, now())
                RETURNING (SELECT old.erased_at IS NOT NULL FROM personal_data_keys old WHERE old.subject = k.subject)
                """, Boolean.class, subject);
        jdbc.update("DELETE FROM snapshot_event_entry WHERE aggregate_identifier = ?", subject);
        cache.invalidate(subject);
        cacheAfterCommit(subject, SubjectKey.ERASED);
        return !Boolean.TRUE.equals(erasedBefore.get(0));
    }

    private SubjectKey load(String subject) {
        List<SubjectKey> rows = jdbc.query("SELECT data_key, erased_at FROM personal_data_keys WHERE subject = ?",
                (rs, n) -> rs.getTimestamp("erased_at") != null ? SubjectKey.ERASED
                        : SubjectKey.of(secretKey(rs.getBytes("data_key"))), subject);
        return rows.isEmpty() ? SubjectKey.NONE : rows.get(0);
    }

    /** Subjects whose row the current transaction wrote (none outside transactions: every write commits at once). */
    private Set<String> writtenInThisTransaction() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return new HashSet<>();
        }
        @SuppressWarnings("unchecked")
        Set<String> written = (Set<String>) TransactionSynchronizationManager.getResource(this);
        if (written == null) {
            Set<String> subjects = new HashSet<>();
            TransactionSynchronizationManager.bindResource(this, subjects);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(JdbcPersonalDataKeys.this);
                    if (status != STATUS_COMMITTED) {
                        subjects.forEach(cache::invalidate);
                    }
                }
            });
            written = subjects;
        }
        return written;
    }

    private void cacheAfterCommit(String subject, SubjectKey key) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            cache.put(subject, key);
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                cache.put(subject, key);
            }
        });
    }

    private static SecretKey secretKey(byte[] bytes) {
        return new SecretKeySpec(bytes, "AES");
    }
}
