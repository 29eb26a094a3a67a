package org.fractionball.lms.projections;

import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.PreparedStatement;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One version counter per school in a table {@code (school_id, version)}: projections raise it in
 * their own transaction whenever they change something the school's cached answers show, and the
 * query side keys those answers by it (version-based invalidation). Never reset: a rebuild must keep
 * versions increasing, or stale cache entries would be read again. A raise is announced to every node
 * ({@link ReadModelChanges}) as it commits, so a node keeps the versions it has read ({@link #known})
 * until it hears one: choosing an answer's key costs no round trip.
 */
public abstract class SchoolVersions implements ReadModelSubscriber {
    private final String pending = getClass().getName() + ".pending";
    private final String table;
    protected final JdbcTemplate jdbc;
    private final KeptValues<Long, Long> known = new KeptValues<>(new ConcurrentHashMap<>());

    protected SchoolVersions(JdbcTemplate jdbc, String table) {
        this.jdbc = jdbc;
        this.table = table;
    }

    /**
     * Marks every cached answer of the school as outdated. Inside a unit of work (an event
     * processor's batch) the raise happens once per school when the batch commits, in ascending
     * school order, so row locks are held briefly and always taken in the same order (no deadlock
     * between processors).
     */
    public void bump(long schoolId) {
        if (!CurrentUnitOfWork.isStarted()) {
            raise(new TreeSet<>(List.of(schoolId)));
            return;
        }
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        SortedSet<Long> schools = unitOfWork.getOrComputeResource(pending, key -> {
            SortedSet<Long> raised = new TreeSet<>();
            unitOfWork.onPrepareCommit(committing -> raise(raised));
            return raised;
        });
        schools.add(schoolId);
    }

    /**
     * The school's version as this node last read it, kept until a raise of it is heard (read every
     * time while nothing is heard): for choosing the key of an answer to look up. An answer computed
     * afresh is stored under the {@link #current} version read in its own snapshot.
     */
    public long known(long schoolId) {
        return known.get(schoolId, () -> current(schoolId));
    }

    /** The school's current version (0 before its first change), read now. */
    public long current(long schoolId) {
        List<Long> versions = jdbc.queryForList("SELECT version FROM " + table + " WHERE school_id = ?",
                Long.class, schoolId);
        return versions.isEmpty() ? 0 : versions.get(0);
    }

    /**
     * Raises the schools' versions now, in one statement and in ascending order (the lock order of
     * {@link #bump}); for a writer that already runs as its unit of work commits.
     */
    public void raise(SortedSet<Long> schoolIds) {
        if (schoolIds.isEmpty()) {
            return;
        }
        jdbc.update(connection -> {
            PreparedStatement statement = connection.prepareStatement("INSERT INTO " + table
                    + " (school_id, version) SELECT school_id, 1 FROM unnest(?::bigint[]) AS school_id ORDER BY school_id"
                    + " ON CONFLICT (school_id) DO UPDATE SET version = " + table + ".version + 1");
            statement.setArray(1, connection.createArrayOf("bigint", schoolIds.toArray()));
            return statement;
        });
        ReadModelChanges.send(jdbc, table);
    }

    /** Raises of this table, and a rebuild going live of a group that counts in it. */
    @Override
    public boolean concerns(String topic) {
        return table.equals(topic) || ProjectionTables.versionCountersOf(topic).contains(table);
    }

    @Override
    public void invalidate() {
        known.invalidate();
    }

    @Override
    public void hearing(boolean hearing) {
        known.hearing(hearing);
    }
}
