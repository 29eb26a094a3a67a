package org.fractionball.lms.infrastructure.privacy;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The data keys of {@code personal_data_keys}. A key is created by the first event that needs it,
 * in that event's transaction, so a rolled-back append leaves no key behind. Each node caches what
 * it read (keys, erasures, and subjects without a key); what the current transaction wrote itself
 * is cached only once it commits, since a key cached from a rolled-back transaction would encrypt
 * later events under a key nobody stores. Entries expire after {@code lms.personal-data.key-cache-ttl},
 * so an erasure made on another node is honoured here within that time.
 *
 * <p>A replay asks for every person's key within seconds, each a miss on a cold cache: one query per
 * person took 12 % of a rebuild's read-ahead thread (docs/benchmarks.md). After
 * {@code lms.personal-data.bulk-after-misses} misses within one time-to-live, the whole table is read
 * in one query (when it has no more rows than the cache holds) and answers the misses that follow
 * until it is a time-to-live old, subjects absent from it having no key; so an erasure elsewhere is
 * still honoured within the time-to-live, and one made here drops it.
 */
@Component
public class JdbcPersonalDataKeys implements SubjectKeys {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int KEY_BYTES = 32;

    private static final int CACHE_SIZE = 100_000;

    private final JdbcTemplate jdbc;
    private final Cache<String, SubjectKey> cache;
    private final long ttlNanos;
    private final int bulkAfterMisses;
    private final AtomicInteger misses = new AtomicInteger();
    private final ReentrantLock bulkLoading = new ReentrantLock();
    /** Misses are counted from here; the window restarts every time-to-live. */
    private volatile long missWindowStart = System.nanoTime();
    private volatile AllKeys all;

    /** Every stored row as read at {@code readAt} ({@link System#nanoTime()}); null if there were too many. */
    private record AllKeys(Map<String, SubjectKey> keys, long readAt) {
    }

    public JdbcPersonalDataKeys(JdbcTemplate jdbc,
                                @Value("${lms.personal-data.key-cache-ttl:30s}") Duration cacheTtl,
                                @Value("${lms.personal-data.bulk-after-misses:1000}") int bulkAfterMisses) {
        this.jdbc = jdbc;
        this.cache = Caffeine.newBuilder().maximumSize(CACHE_SIZE).expireAfterWrite(cacheTtl).build();
        this.ttlNanos = cacheTtl.toNanos();
        this.bulkAfterMisses = bulkAfterMisses;
    }

    @Override
    public SubjectKey find(String subject) {
        SubjectKey cached = cache.getIfPresent(subject);
        if (cached != null) {
            return cached;
        }
        AllKeys read = allKeys();
        if (read != null && read.keys() != null && !writtenInThisTransaction(subject)) {
            return read.keys().getOrDefault(subject, SubjectKey.NONE);
        }
        return reload(subject);
    }

    /** The whole table as read less than a time-to-live ago, read now if misses have been many; else null. */
    private AllKeys allKeys() {
        long now = System.nanoTime();
        AllKeys read = all;
        if (read != null && now - read.readAt() < ttlNanos) {
            return read;
        }
        if (now - missWindowStart >= ttlNanos) {
            missWindowStart = now;
            misses.set(0);
        }
        if (misses.incrementAndGet() < bulkAfterMisses || !bulkLoading.tryLock()) {
            return null;
        }
        try {
            misses.set(0);
            all = readAll(now);
            return all;
        } finally {
            bulkLoading.unlock();
        }
    }

    private AllKeys readAll(long now) {
        Map<String, SubjectKey> keys = new HashMap<>();
        jdbc.query("SELECT subject, data_key, erased_at FROM personal_data_keys LIMIT " + (CACHE_SIZE + 1),
                (RowCallbackHandler) rs -> keys.put(rs.getString("subject"), keyOf(rs)));
        return new AllKeys(keys.size() > CACHE_SIZE ? null : keys, now);
    }

    @Override
    public SubjectKey reload(String subject) {
        SubjectKey stored = load(subject);
        if (writtenInThisTransaction(subject)) {
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
        all = null;
        cache.invalidate(subject);
        cacheAfterCommit(subject, SubjectKey.ERASED);
        // a table read by another thread before this commits holds the key: not to be used after it
        runAfterCommit(() -> all = null);
        return !Boolean.TRUE.equals(erasedBefore.get(0));
    }

    private SubjectKey load(String subject) {
        List<SubjectKey> rows = jdbc.query("SELECT data_key, erased_at FROM personal_data_keys WHERE subject = ?",
                (rs, n) -> keyOf(rs), subject);
        return rows.isEmpty() ? SubjectKey.NONE : rows.get(0);
    }

    private static SubjectKey keyOf(ResultSet row) throws SQLException {
        return row.getTimestamp("erased_at") != null ? SubjectKey.ERASED
                : SubjectKey.of(secretKey(row.getBytes("data_key")));
    }

    /** Whether the current transaction wrote the subject's row; a read, so a miss binds nothing to the transaction. */
    private boolean writtenInThisTransaction(String subject) {
        return TransactionSynchronizationManager.getResource(this) instanceof Set<?> written && written.contains(subject);
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
        runAfterCommit(() -> cache.put(subject, key));
    }

    private static void runAfterCommit(Runnable action) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            action.run();
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                action.run();
            }
        });
    }

    private static SecretKey secretKey(byte[] bytes) {
        return new SecretKeySpec(bytes, "AES");
    }
}
