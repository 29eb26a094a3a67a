package org.fractionball.lms.projections.library;

import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The version of each school's library (table {@code library_version}). Projections raise it in
 * their own transaction whenever they change something a school's library answers show; the
 * query side keys its cached answers by it (version-based invalidation). Never reset: a rebuild
 * must keep versions increasing, or stale cache entries would be read again.
 */
@Component
public class LibraryVersions {
    private static final String PENDING = LibraryVersions.class.getName() + ".pending";

    private final JdbcTemplate jdbc;

    public LibraryVersions(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Marks every cached library answer of the school as outdated. Inside a unit of work (an event
     * processor's batch) the raise happens once per school when the batch commits, in ascending
     * school order, so row locks are held briefly and always taken in the same order (no deadlock
     * between processors).
     */
    public void bump(long schoolId) {
        if (!CurrentUnitOfWork.isStarted()) {
            raise(schoolId);
            return;
        }
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        SortedSet<Long> pending = unitOfWork.getOrComputeResource(PENDING, key -> {
            SortedSet<Long> schools = new TreeSet<>();
            unitOfWork.onPrepareCommit(committing -> schools.forEach(this::raise));
            return schools;
        });
        pending.add(schoolId);
    }

    /** The school's current version (0 before its first change). */
    public long current(long schoolId) {
        List<Long> versions = jdbc.queryForList("SELECT version FROM library_version WHERE school_id = ?",
                Long.class, schoolId);
        return versions.isEmpty() ? 0 : versions.get(0);
    }

    /**
     * The school's current version and whether the user owns items of the kind there that are not
     * published, read together in one statement, so the pair describes one committed state.
     */
    public VersionAndDrafts currentFor(long schoolId, String kind, long userId) {
        return jdbc.queryForObject("""
                SELECT coalesce((SELECT version FROM library_version WHERE school_id = ?), 0),
                       EXISTS (SELECT 1 FROM content_view WHERE kind = ? AND owner_id = ? AND school_id = ?
                                                            AND status <> 'PUBLISHED')""",
                (rs, row) -> new VersionAndDrafts(rs.getLong(1), rs.getBoolean(2)), schoolId, kind, userId, schoolId);
    }

    /** A school's library version with one user's "owns unpublished items" as of that version. */
    public record VersionAndDrafts(long version, boolean ownsUnpublished) {
    }

    private void raise(long schoolId) {
        jdbc.update("""
                INSERT INTO library_version (school_id, version) VALUES (?, 1)
                ON CONFLICT (school_id) DO UPDATE SET version = library_version.version + 1""", schoolId);
    }
}
