package org.fractionball.lms.command.config;

import org.fractionball.lms.command.web.CommandRejected;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The lookups in {@code config_key_lookup} and {@code feature_flag_lookup}. The in-process copy
 * read by {@link #snapshot()} is dropped when a change made on this node commits, and otherwise
 * checked against {@code config_lookup_version} at most once per {@code lms.config.check-interval}
 * (default 1 s), so another node's change is seen within that interval and a request costs no
 * query in between.
 */
@Component
public class JdbcConfigRegistry implements ConfigRegistry {
    private final JdbcTemplate jdbc;
    private final long checkIntervalNanos;
    /** Raised whenever a change of this node completes, so a reload that straddled it is not kept. */
    private final AtomicLong completedChanges = new AtomicLong();
    private volatile Cached cached;

    private record Cached(LiveConfiguration configuration, long checkedAt) {
    }

    public JdbcConfigRegistry(JdbcTemplate jdbc, @Value("${lms.config.check-interval:1s}") Duration checkInterval) {
        this.jdbc = jdbc;
        this.checkIntervalNanos = checkInterval.toNanos();
    }

    @Override
    public void claimKey(String key, UUID configId, String type, String value) {
        if (keyTaken(key)) {
            throw CommandRejected.field(400, "key", KEY_TAKEN);
        }
        try {
            jdbc.update("INSERT INTO config_key_lookup (config_key, config_id, config_type, value) VALUES (?, ?, ?, ?)",
                    key, configId, type, value);
        } catch (DuplicateKeyException raced) {
            throw CommandRejected.conflict("Another request is creating this configuration key at the same time.");
        }
        changed();
    }

    @Override
    public void changeValue(String key, String type, String value) {
        jdbc.update("UPDATE config_key_lookup SET config_type = ?, value = ? WHERE config_key = ?", type, value, key);
        changed();
    }

    @Override
    public void releaseKey(String key) {
        jdbc.update("DELETE FROM config_key_lookup WHERE config_key = ?", key);
        changed();
    }

    @Override
    public String keyOf(UUID configId) {
        List<String> keys = jdbc.queryForList("SELECT config_key FROM config_key_lookup WHERE config_id = ?",
                String.class, configId);
        return keys.isEmpty() ? null : keys.get(0);
    }

    @Override
    public UUID idOfKey(String key) {
        List<UUID> ids = jdbc.queryForList("SELECT config_id FROM config_key_lookup WHERE config_key = ?", UUID.class,
                key);
        return ids.isEmpty() ? null : ids.get(0);
    }

    @Override
    public void claimName(String name, UUID flagId, boolean enabled, List<Long> schools, List<String> roles) {
        if (!jdbc.queryForList("SELECT 1 FROM feature_flag_lookup WHERE name = ?", Integer.class, name).isEmpty()) {
            throw CommandRejected.field(400, "name", NAME_TAKEN);
        }
        try {
            jdbc.update("INSERT INTO feature_flag_lookup (name, flag_id, enabled, school_ids, roles) "
                    + "VALUES (?, ?, ?, ?::bigint[], ?::text[])", name, flagId, enabled, arrayLiteral(schools),
                    arrayLiteral(roles));
        } catch (DuplicateKeyException raced) {
            throw CommandRejected.conflict("Another request is creating this feature flag at the same time.");
        }
        changed();
    }

    @Override
    public void changeFlag(String name, boolean enabled, List<Long> schools, List<String> roles) {
        jdbc.update("UPDATE feature_flag_lookup SET enabled = ?, school_ids = ?::bigint[], roles = ?::text[] "
                + "WHERE name = ?", enabled, arrayLiteral(schools), arrayLiteral(roles), name);
        changed();
    }

    @Override
    public void releaseName(String name) {
        jdbc.update("DELETE FROM feature_flag_lookup WHERE name = ?", name);
        changed();
    }

    @Override
    public String nameOf(UUID flagId) {
        List<String> names = jdbc.queryForList("SELECT name FROM feature_flag_lookup WHERE flag_id = ?",
                String.class, flagId);
        return names.isEmpty() ? null : names.get(0);
    }

    @Override
    public LiveConfiguration snapshot() {
        Cached current = cached;
        long now = System.nanoTime();
        if (current != null && now - current.checkedAt() < checkIntervalNanos) {
            return current.configuration();
        }
        long changesBefore = completedChanges.get();
        // the version is read before the rows: a change committing in between makes the next check reload
        long version = jdbc.queryForObject("SELECT version FROM config_lookup_version", Long.class);
        LiveConfiguration configuration = current != null && current.configuration().version() == version
                ? current.configuration() : load(version);
        synchronized (this) {
            if (completedChanges.get() == changesBefore) {
                cached = new Cached(configuration, now);
            }
        }
        return configuration;
    }

    private LiveConfiguration load(long version) {
        Map<String, String> values = new HashMap<>();
        jdbc.query("SELECT config_key, value FROM config_key_lookup", rs -> {
            values.put(rs.getString("config_key"), rs.getString("value"));
        });
        Map<String, LiveConfiguration.FlagScope> flags = new HashMap<>();
        jdbc.query("SELECT name, enabled, school_ids, roles FROM feature_flag_lookup", rs -> {
            flags.put(rs.getString("name"), new LiveConfiguration.FlagScope(rs.getBoolean("enabled"),
                    Arrays.asList((Long[]) rs.getArray("school_ids").getArray()),
                    Arrays.asList((String[]) rs.getArray("roles").getArray())));
        });
        return new LiveConfiguration(version, values, flags);
    }

    private boolean keyTaken(String key) {
        return !jdbc.queryForList("SELECT 1 FROM config_key_lookup WHERE config_key = ?", Integer.class, key).isEmpty();
    }

    /** Raises the version in this transaction and drops this node's copy once it commits. */
    private void changed() {
        jdbc.update("UPDATE config_lookup_version SET version = version + 1");
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    dropCopy();
                }
            });
        } else {
            dropCopy();
        }
    }

    private synchronized void dropCopy() {
        completedChanges.incrementAndGet();
        cached = null;
    }

    /** A PostgreSQL array literal; every element is quoted, so names and roles need no further escaping. */
    private static String arrayLiteral(List<?> items) {
        StringBuilder literal = new StringBuilder("{");
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                literal.append(',');
            }
            literal.append('"').append(items.get(i).toString().replace("\\", "\\\\").replace("\"", "\\\""))
                    .append('"');
        }
        return literal.append('}').toString();
    }
}
