package org.fractionball.lms.infrastructure.audit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.sql.Timestamp;
import java.util.List;

/**
 * Seals committed ranges of the event store in the background (see docs/architecture.md, "Tamper
 * evidence"). A range is sealed only once it can no longer change: every position up to the head
 * seen at time T was handed out before T, so once no transaction of this database that had written
 * and began at or before T is still open, no event can appear below that head any more. Appends are
 * never waited for or locked; nodes racing for the same seal number keep the first.
 */
@Component
public class EventSealer {
    private static final Logger LOG = LoggerFactory.getLogger(EventSealer.class);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final byte[] key;
    private final int maxEventsPerSeal;
    private Head pending;
    /** The defect last logged, so a broken chain is reported once per defect rather than at every step. */
    private String reportedDefect;

    public EventSealer(DataSource dataSource, PlatformTransactionManager transactions,
                       @Value("${lms.audit.seal-key}") String sealKey,
                       @Value("${lms.audit.max-events-per-seal:10000}") int maxEventsPerSeal) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.jdbc.setFetchSize(1_000);
        this.transactions = new TransactionTemplate(transactions);
        this.key = SealDigest.key(sealKey);
        this.maxEventsPerSeal = maxEventsPerSeal;
    }

    /** One step: seals the head noted last time if it has settled, then notes the current head. */
    @Scheduled(fixedDelayString = "${lms.audit.seal-interval:1s}", initialDelayString = "${lms.audit.seal-interval:1s}")
    public synchronized void sealSettledEvents() {
        if (pending != null && settled(pending.observedAt())) {
            sealThrough(pending.position());
            pending = null;
        }
        if (pending == null) {
            Head head = jdbc.queryForObject(
                    "SELECT coalesce(max(global_index), 0), statement_timestamp() FROM domain_event_entry",
                    (rs, n) -> new Head(rs.getLong(1), rs.getTimestamp(2)));
            if (head != null && head.position() > sealedThrough()) {
                pending = head;
            }
        }
    }

    /** The last position covered by a seal (0 before the first). */
    long sealedThrough() {
        Long last = jdbc.queryForObject("SELECT max(last_position) FROM event_seal", Long.class);
        return last == null ? 0 : last;
    }

    private boolean settled(Timestamp observedAt) {
        Boolean settled = jdbc.queryForObject("""
                SELECT NOT EXISTS (SELECT 1 FROM pg_stat_activity
                                   WHERE datname = current_database() AND pid <> pg_backend_pid()
                                     AND backend_xid IS NOT NULL AND xact_start <= ?)""",
                Boolean.class, observedAt);
        return Boolean.TRUE.equals(settled);
    }

    private void sealThrough(long head) {
        while (true) {
            List<Seal> lastSeals = jdbc.query("SELECT " + Seal.COLUMNS
                    + " FROM event_seal ORDER BY seal_number DESC LIMIT 1", Seal.ROW);
            Seal last = lastSeals.isEmpty() ? null : lastSeals.get(0);
            long first = last == null ? 1 : last.lastPosition() + 1;
            if (first > head) {
                return;
            }
            List<Long> ends = jdbc.queryForList("""
                    SELECT global_index FROM domain_event_entry WHERE global_index BETWEEN ? AND ?
                    ORDER BY global_index OFFSET ? LIMIT 1""", Long.class, first, head, maxEventsPerSeal - 1);
            long end = ends.isEmpty() ? head : ends.get(0);
            SealDigest digest = SealDigest.start(key, last == null ? Seal.GENESIS : last.digest(), first, end);
            String[] defect = new String[1];
            transactions.executeWithoutResult(status -> jdbc.query("SELECT " + StoredEvent.COLUMNS
                    + " FROM domain_event_entry e " + StoredEvent.PREDECESSOR_JOIN
                    + " WHERE e.global_index BETWEEN ? AND ? ORDER BY e.global_index", (RowCallbackHandler) rs -> {
                        if (defect[0] != null) {
                            return;
                        }
                        StoredEvent event = StoredEvent.of(rs);
                        String broken = EventChain.defect(event);
                        if (broken != null) {
                            defect[0] = "position " + event.position() + ": " + broken;
                        } else {
                            digest.add(event.position(), event.chainHash());
                        }
                    }, first, end));
            if (defect[0] != null) {
                // sealing a broken chain would certify the tampering; it stays unsealed and verify reports it
                if (!defect[0].equals(reportedDefect)) {
                    LOG.error("Event store fails its hash chain at {}; events from {} stay unsealed", defect[0], first);
                    reportedDefect = defect[0];
                }
                return;
            }
            reportedDefect = null;
            long count = digest.count();
            try {
                jdbc.update("""
                        INSERT INTO event_seal (seal_number, first_position, last_position, event_count, digest, sealed_at)
                        VALUES (?, ?, ?, ?, ?, now())""",
                        last == null ? 1 : last.number() + 1, first, end, count, digest.finish());
            } catch (DuplicateKeyException sealedElsewhere) {
                return;
            }
        }
    }

    private record Head(long position, Timestamp observedAt) {
    }
}
