package org.fractionball.lms.infrastructure.privacy;

import org.fractionball.lms.infrastructure.support.TestServices;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The data keys on PostgreSQL: misses are answered one query each until they are many, then by one
 * read of the whole table, which is trusted for no longer than the cache's time-to-live and dropped
 * by an erasure.
 */
class JdbcPersonalDataKeysIT {
    private static final int PEOPLE = 50;
    private static final String RANDOM_KEY = "decode(md5(random()::text) || md5(random()::text), 'hex')";

    private final CountingJdbcTemplate jdbc = new CountingJdbcTemplate();

    /** Counts the queries the keys make. */
    private static final class CountingJdbcTemplate extends JdbcTemplate {
        final AtomicInteger queries = new AtomicInteger();

        @Override
        public <T> List<T> query(String sql, RowMapper<T> mapper, Object... args) {
            queries.incrementAndGet();
            return super.query(sql, mapper, args);
        }

        @Override
        public void query(String sql, RowCallbackHandler handler) {
            queries.incrementAndGet();
            super.query(sql, handler);
        }
    }

    @BeforeEach
    void freshTable() throws IOException {
        TestServices services = TestServices.get();
        jdbc.setDataSource(new DriverManagerDataSource(services.freshDatabase("keys_" + System.nanoTime()),
                services.username, services.password));
        try (InputStream migration = getClass().getResourceAsStream("/db/migration/V21__personal_data_keys.sql")) {
            jdbc.execute(new String(migration.readAllBytes(), StandardCharsets.UTF_8));
        }
        // an erasure also deletes the person's snapshots
        jdbc.execute("CREATE TABLE snapshot_event_entry (aggregate_identifier VARCHAR(255) NOT NULL)");
        for (int person = 1; person <= PEOPLE; person++) {
            jdbc.update("INSERT INTO personal_data_keys (subject, data_key) VALUES (?, " + RANDOM_KEY + ")",
                    "user-" + person);
        }
        jdbc.update("UPDATE personal_data_keys SET data_key = NULL, erased_at = now() WHERE subject = 'user-7'");
        jdbc.queries.set(0);
    }

    @Test
    void manyMissesAreAnsweredByOneReadOfTheTable() {
        JdbcPersonalDataKeys keys = new JdbcPersonalDataKeys(jdbc, Duration.ofSeconds(30), 10);
        List<SubjectKey> found = new ArrayList<>();
        for (int person = 1; person <= 9; person++) {
            found.add(keys.find("user-" + (person + 10)));
        }
        assertThat(jdbc.queries).hasValue(9);

        // the tenth miss reads the table; the rest of the misses, known or not, need no query
        for (int person = 1; person <= PEOPLE; person++) {
            SubjectKey key = keys.find("user-" + person);
            assertThat(key.key() == null ? null : key.key().getEncoded()).as("user-" + person)
                    .isEqualTo(storedKey("user-" + person));
        }
        assertThat(keys.find("user-7").erased()).isTrue();
        assertThat(keys.find("user-999")).isEqualTo(SubjectKey.NONE);
        assertThat(jdbc.queries).hasValue(10);
        assertThat(found.get(0).key().getEncoded()).isEqualTo(storedKey("user-11"));
    }

    @Test
    void anErasureHereIsSeenAtOnceAndTheTableIsReadAgainOnlyAfterManyMisses() {
        JdbcPersonalDataKeys keys = new JdbcPersonalDataKeys(jdbc, Duration.ofSeconds(30), 10);
        for (int person = 1; person <= 10; person++) {
            keys.find("user-" + person);
        }
        assertThat(keys.find("user-30").erased()).isFalse();
        assertThat(keys.erase("user-30")).isTrue();
        jdbc.queries.set(0);

        assertThat(keys.find("user-30").erased()).isTrue();
        assertThat(keys.find("user-31").key().getEncoded()).isEqualTo(storedKey("user-31"));
        // the erasure is cached; the table read before it is no longer used: a miss is a query of its own
        assertThat(jdbc.queries).hasValue(1);
    }

    @Test
    void theTableReadIsTrustedForOneTimeToLiveOnly() throws InterruptedException {
        JdbcPersonalDataKeys keys = new JdbcPersonalDataKeys(jdbc, Duration.ofMillis(700), 10);
        for (int person = 1; person <= 10; person++) {
            keys.find("user-" + person);
        }
        // another node creates a key and erases one: not seen while the table read is young
        jdbc.update("INSERT INTO personal_data_keys (subject, data_key) VALUES ('user-51', " + RANDOM_KEY + ")");
        jdbc.update("UPDATE personal_data_keys SET data_key = NULL, erased_at = now() WHERE subject = 'user-40'");
        assertThat(keys.find("user-51")).isEqualTo(SubjectKey.NONE);
        assertThat(keys.find("user-40").erased()).isFalse();

        Thread.sleep(800);
        assertThat(keys.find("user-51").key().getEncoded()).isEqualTo(storedKey("user-51"));
        assertThat(keys.find("user-40").erased()).isTrue();
    }

    /** Read without counting. */
    private byte[] storedKey(String subject) {
        int counted = jdbc.queries.get();
        List<byte[]> keys = jdbc.query("SELECT data_key FROM personal_data_keys WHERE subject = ?",
                (rs, n) -> rs.getBytes(1), subject);
        jdbc.queries.set(counted);
        return keys.isEmpty() ? null : keys.get(0);
    }
}
