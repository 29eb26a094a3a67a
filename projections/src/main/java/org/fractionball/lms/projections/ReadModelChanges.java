package org.fractionball.lms.projections;

import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Tells every node that read tables changed, for the copies of them a node keeps in memory: a
 * PostgreSQL {@code NOTIFY} on {@link #CHANNEL} sent in the writer's own transaction, so it is
 * delivered when, and only if, that transaction commits, in commit order. The payload is a topic:
 * the processing group whose tables changed.
 */
public final class ReadModelChanges {
    public static final String CHANNEL = "lms_read_model_changes";
    private static final String PENDING = ReadModelChanges.class.getName() + ".pending.";

    private ReadModelChanges() {
    }

    /**
     * Announces a change of {@code topic}: inside a unit of work (an event processor's batch) once,
     * as the batch commits, however many of its events changed it; otherwise now, in the caller's
     * transaction if it has one.
     */
    public static void announce(JdbcTemplate jdbc, String topic) {
        if (!CurrentUnitOfWork.isStarted()) {
            send(jdbc, topic);
            return;
        }
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        unitOfWork.getOrComputeResource(PENDING + topic, key -> {
            unitOfWork.onPrepareCommit(committing -> send(jdbc, topic));
            return Boolean.TRUE;
        });
    }

    /** Runs an update of {@code topic}'s tables and {@link #announce}s it. */
    public static void update(JdbcTemplate jdbc, String topic, String sql, Object... arguments) {
        jdbc.update(sql, arguments);
        announce(jdbc, topic);
    }

    /** Sends {@code payload} now, in the caller's transaction if it has one. */
    public static void send(JdbcTemplate jdbc, String payload) {
        jdbc.queryForList("SELECT pg_notify(?, ?)", CHANNEL, payload);
    }
}
