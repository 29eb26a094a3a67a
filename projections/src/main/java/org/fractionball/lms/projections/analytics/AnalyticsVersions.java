package org.fractionball.lms.projections.analytics;

import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The version of each school's analytics (table {@code analytics_version}), raised by the analytics
 * projection whenever a figure of the school changes; cached dashboards are keyed by it. Raised once
 * per school per processor batch, at commit, so a burst of views costs one row update per batch.
 * Never reset: a rebuild must keep versions increasing, or stale cache entries would be read again.
 */
@Component
public class AnalyticsVersions {
    private static final String PENDING = AnalyticsVersions.class.getName() + ".pending";

    private final JdbcTemplate jdbc;

    public AnalyticsVersions(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

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
        List<Long> versions = jdbc.queryForList("SELECT version FROM analytics_version WHERE school_id = ?",
                Long.class, schoolId);
        return versions.isEmpty() ? 0 : versions.get(0);
    }

    private void raise(long schoolId) {
        jdbc.update("""
                INSERT INTO analytics_version (school_id, version) VALUES (?, 1)
                ON CONFLICT (school_id) DO UPDATE SET version = analytics_version.version + 1""", schoolId);
    }
}
