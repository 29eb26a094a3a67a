package org.fractionball.lms.projections.analytics;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.fractionball.lms.events.accounts.UserDeactivated;
import org.fractionball.lms.events.accounts.UserMovedToSchool;
import org.fractionball.lms.events.accounts.UserProvisioned;
import org.fractionball.lms.events.accounts.UserReactivated;
import org.fractionball.lms.events.accounts.UserRemoved;
import org.fractionball.lms.events.accounts.UserRoleChanged;
import org.fractionball.lms.events.accounts.UserSignedIn;
import org.fractionball.lms.events.schools.SchoolDeleted;
import org.fractionball.lms.projections.ProjectionNames;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The admin dashboards' user counters ({@code user_counter}): users per school, role, activity,
 * creation day and last sign-in day, following the accounts projection's rules (a removed user or a
 * deleted school's users leave). Each user's row ({@code analytics_user}) says which counter it is in.
 * The cached school stats show them, so every change raises the school's {@link UserCounterVersions}
 * (not its analytics version: a sign-in must not invalidate every teacher dashboard of its school).
 */
@Component
@ProcessingGroup(ProjectionNames.ANALYTICS)
public class UserCountersProjection {
    private final JdbcTemplate jdbc;
    private final UserCounterVersions versions;

    public UserCountersProjection(JdbcTemplate jdbc, UserCounterVersions versions) {
        this.jdbc = jdbc;
        this.versions = versions;
    }

    @EventHandler
    void on(UserProvisioned event, @Timestamp Instant at) {
        int inserted = jdbc.update("""
                INSERT INTO analytics_user (id, school_id, role, is_active, created_day) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (id) DO NOTHING""", event.userId(), event.schoolId(), event.role().name(),
                event.active(), day(at));
        if (inserted == 1) {
            count(event.userId(), 1);
        }
    }

    @EventHandler
    void on(UserRoleChanged event) {
        move(event.userId(), "role = ?", event.newRole().name());
    }

    @EventHandler
    void on(UserMovedToSchool event) {
        move(event.userId(), "school_id = ?", event.toSchoolId());
    }

    @EventHandler
    void on(UserDeactivated event) {
        move(event.userId(), "is_active = ?", false);
    }

    @EventHandler
    void on(UserReactivated event) {
        move(event.userId(), "is_active = ?", true);
    }

    /** Only the first sign-in of a day moves the user. */
    @EventHandler
    void on(UserSignedIn event, @Timestamp Instant at) {
        List<LocalDate> days = jdbc.queryForList("SELECT login_day FROM analytics_user WHERE id = ?", LocalDate.class,
                event.userId());
        if (!days.isEmpty() && !day(at).equals(days.get(0))) {
            move(event.userId(), "login_day = ?", day(at));
        }
    }

    @EventHandler
    void on(UserRemoved event) {
        remove("id = ?", event.userId());
    }

    @EventHandler
    void on(SchoolDeleted event) {
        remove("school_id = ?", event.schoolId());
    }

    /** Versions are not reset (see {@link UserCounterVersions}). */
    @ResetHandler
    void reset() {
        jdbc.update("TRUNCATE analytics_user, user_counter");
    }

    private void move(long userId, String assignment, Object value) {
        if (count(userId, -1)) {
            jdbc.update("UPDATE analytics_user SET " + assignment + " WHERE id = ?", value, userId);
            count(userId, 1);
        }
    }

    /** Adds {@code delta} to the counter the user is in now; false when there is no such user. */
    private boolean count(long userId, int delta) {
        List<Long> schools = jdbc.queryForList("""
                INSERT INTO user_counter AS c (school_id, role, is_active, created_day, login_day, users)
                SELECT school_id, role, is_active, created_day, login_day, ? FROM analytics_user WHERE id = ?
                ON CONFLICT (school_id, role, is_active, created_day, login_day)
                DO UPDATE SET users = c.users + excluded.users
                RETURNING school_id""", Long.class, delta, userId);
        schools.forEach(versions::bump);
        return !schools.isEmpty();
    }

    private void remove(String condition, Object value) {
        List<Long> schools = jdbc.queryForList("""
                WITH gone AS (DELETE FROM analytics_user WHERE %s
                              RETURNING school_id, role, is_active, created_day, login_day)
                UPDATE user_counter c SET users = c.users - g.users
                FROM (SELECT school_id, role, is_active, created_day, login_day, count(*) AS users FROM gone
                      GROUP BY school_id, role, is_active, created_day, login_day) g
                WHERE c.school_id = g.school_id AND c.role = g.role AND c.is_active = g.is_active
                      AND c.created_day = g.created_day AND c.login_day IS NOT DISTINCT FROM g.login_day
                RETURNING c.school_id""".formatted(condition), Long.class, value);
        schools.stream().distinct().forEach(versions::bump);
    }

    private static LocalDate day(Instant at) {
        return LocalDate.ofInstant(at, ZoneOffset.UTC);
    }
}
