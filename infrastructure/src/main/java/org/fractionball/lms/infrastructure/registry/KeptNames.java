package org.fractionball.lms.infrastructure.registry;

import org.fractionball.lms.projections.KeptValues;
import org.fractionball.lms.projections.ReadModelSubscriber;
import org.fractionball.lms.query.web.BoundedKeptValues;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * The user and school names that command answers show, kept on this node between requests (two
 * PostgreSQL round trips saved on most commands) and forgotten when a registry change is heard: the
 * registry tables announce every update or delete themselves (a statement trigger sends
 * {@link #TOPIC}, migration V54), and a change made on this node is forgotten here as soon as it
 * commits. Inside a transaction the registry is always read: the transaction may have changed it.
 */
@Component
public class KeptNames implements ReadModelSubscriber {
    /** What the registry tables' trigger sends on {@code ReadModelChanges.CHANNEL}. */
    public static final String TOPIC = "registry";
    /** A safety net only: changes are heard, not waited out. */
    private static final Duration KEEP_AT_MOST = Duration.ofMinutes(5);

    private final KeptValues<Long, String> users = BoundedKeptValues.of(100_000, KEEP_AT_MOST);
    private final KeptValues<Long, String> schools = BoundedKeptValues.of(100_000, KEEP_AT_MOST);

    public String user(long userId, Supplier<String> read) {
        return outsideTransactions(users, userId, read);
    }

    public String school(long schoolId, Supplier<String> read) {
        return outsideTransactions(schools, schoolId, read);
    }

    private static String outsideTransactions(KeptValues<Long, String> names, long id, Supplier<String> read) {
        return TransactionSynchronizationManager.isActualTransactionActive() ? read.get() : names.get(id, read);
    }

    /** A registry write: this node forgets the names once it commits, without waiting for the notice. */
    public void changing() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    invalidate();
                }
            });
        } else {
            invalidate();
        }
    }

    @Override
    public boolean concerns(String topic) {
        return TOPIC.equals(topic);
    }

    @Override
    public void invalidate() {
        users.invalidate();
        schools.invalidate();
    }

    @Override
    public void hearing(boolean hearing) {
        users.hearing(hearing);
        schools.hearing(hearing);
    }
}
