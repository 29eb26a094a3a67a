package org.fractionball.lms.infrastructure.audit;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * Recomputes the tamper evidence of a range of global positions: every event's chain hash from its
 * stored columns and its predecessor's hash, and every seal touching the range from the events it
 * covers (whole seals: a range that starts or ends inside one is widened to it). Streams the events,
 * so any range is checked in constant memory.
 */
@Component
public class EventStoreVerifier {
    private final JdbcTemplate jdbc;
    private final TransactionTemplate readOnly;
    private final byte[] key;

    public EventStoreVerifier(DataSource dataSource, PlatformTransactionManager transactions,
                              @Value("${lms.audit.seal-key}") String sealKey) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.jdbc.setFetchSize(1_000);
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
        this.key = SealDigest.key(sealKey);
    }

    /** Verifies positions {@code from}..{@code to} (inclusive, widened to whole seals). */
    public Verification verify(long from, long to) {
        return readOnly.execute(status -> new Run(from, to).verify());
    }

    /** The outcome: what was checked, and the first failure (null when every check passed). */
    public record Verification(long from, long to, long verified, long sealedThrough, long unsealed,
                               String headSealDigest, Failure firstFailure) {
        public boolean valid() {
            return firstFailure == null;
        }
    }

    public record Failure(long position, String reason) {
    }

    private final class Run {
        private final long from;
        private final long to;
        private long verified;
        private long unsealed;
        private Failure failure;

        Run(long from, long to) {
            this.from = from;
            this.to = to;
        }

        Verification verify() {
            Long maxSeal = jdbc.queryForObject("SELECT max(seal_number) FROM event_seal", Long.class);
            Seal head = maxSeal == null ? null : seal(maxSeal);
            long sealedThrough = head == null ? 0 : head.lastPosition();
            long start = from;
            long position = from;
            Seal current = null;
            if (from <= sealedThrough) {
                List<Seal> covering = jdbc.query("SELECT " + Seal.COLUMNS
                        + " FROM event_seal WHERE first_position <= ? AND last_position >= ?", Seal.ROW, from, from);
                if (covering.isEmpty()) {
                    failure = new Failure(from, "no seal covers this position although later ones are sealed "
                            + "(a seal was deleted)");
                } else {
                    current = covering.get(0);
                    start = current.firstPosition();
                }
            }
            long end = to;
            while (current != null && failure == null && current.firstPosition() <= to) {
                checkSeal(current);
                end = Math.max(to, current.lastPosition());
                position = current.lastPosition() + 1;
                Seal next = current.number() < maxSeal ? seal(current.number() + 1) : null;
                if (failure == null && current.number() < maxSeal && next == null) {
                    failure = new Failure(position, "seal " + (current.number() + 1) + " is missing");
                }
                current = next;
            }
            if (failure == null && position <= to) {
                scan(position, to, event -> unsealed++);
            }
            return new Verification(start, end, verified, sealedThrough, unsealed,
                    head == null ? null : HexFormat.of().formatHex(head.digest()), failure);
        }

        private void checkSeal(Seal seal) {
            Seal previous = seal.number() == 1 ? null : seal(seal.number() - 1);
            long expectedFirst = previous == null ? 1 : previous.lastPosition() + 1;
            if ((seal.number() > 1 && previous == null) || seal.firstPosition() != expectedFirst) {
                failure = new Failure(seal.firstPosition(), "seal " + seal.number() + " does not follow seal "
                        + (seal.number() - 1) + " (a seal was deleted or altered)");
                return;
            }
            SealDigest digest = SealDigest.start(key, previous == null ? Seal.GENESIS : previous.digest(),
                    seal.firstPosition(), seal.lastPosition());
            scan(seal.firstPosition(), seal.lastPosition(), event -> digest.add(event.position(), event.chainHash()));
            if (failure != null) {
                return;
            }
            String range = "sealed range " + seal.firstPosition() + "-" + seal.lastPosition();
            if (digest.count() != seal.eventCount()) {
                failure = new Failure(seal.firstPosition(), range + " holds " + digest.count() + " events but "
                        + seal.eventCount() + " were sealed (an event was deleted or inserted)");
            } else if (!Arrays.equals(digest.finish(), seal.digest())) {
                failure = new Failure(seal.firstPosition(), range + " does not match its seal (an event was "
                        + "inserted, deleted or moved to another position, or the seal was altered)");
            }
        }

        /** Checks each event's chain in positions first..last, feeding the intact ones to {@code accepted}. */
        private void scan(long first, long last, Consumer<StoredEvent> accepted) {
            jdbc.query("SELECT " + StoredEvent.COLUMNS + " FROM domain_event_entry e " + StoredEvent.PREDECESSOR_JOIN
                    + " WHERE e.global_index BETWEEN ? AND ? ORDER BY e.global_index", (RowCallbackHandler) rs -> {
                        if (failure != null) {
                            return;
                        }
                        StoredEvent event = StoredEvent.of(rs);
                        String defect = EventChain.defect(event);
                        if (defect != null) {
                            failure = new Failure(event.position(), defect);
                            return;
                        }
                        verified++;
                        accepted.accept(event);
                    }, first, last);
        }

        private Seal seal(long number) {
            List<Seal> seals = jdbc.query("SELECT " + Seal.COLUMNS + " FROM event_seal WHERE seal_number = ?",
                    Seal.ROW, number);
            return seals.isEmpty() ? null : seals.get(0);
        }
    }
}
