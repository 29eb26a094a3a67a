package org.fractionball.lms.projections.accounts;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.fractionball.lms.events.accounts.PersonalDataErased;
import org.fractionball.lms.events.accounts.UserDeactivated;
import org.fractionball.lms.events.accounts.UserDetailsChanged;
import org.fractionball.lms.events.accounts.UserMovedToSchool;
import org.fractionball.lms.events.accounts.UserProvisioned;
import org.fractionball.lms.events.accounts.UserReactivated;
import org.fractionball.lms.events.accounts.UserRemoved;
import org.fractionball.lms.events.accounts.UserRoleChanged;
import org.fractionball.lms.events.accounts.UserSignedIn;
import org.fractionball.lms.events.schools.SchoolDeleted;
import org.fractionball.lms.events.shared.PersonalData;
import org.fractionball.lms.projections.ProjectionNames;
import org.fractionball.lms.projections.ReadModelChanges;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;

/** Keeps {@code user_view}, the table authentication and user listings read. */
@Component
@ProcessingGroup(ProjectionNames.ACCOUNTS)
public class UserProjection {
    private final JdbcTemplate jdbc;

    public UserProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(UserProvisioned event, @Timestamp Instant at) {
        write("""
                INSERT INTO user_view (id, firebase_uid, username, email, first_name, last_name, role, school_id,
                                       phone, is_active, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (id) DO NOTHING""",
                event.userId(), event.firebaseUid(), event.username(), event.email(), event.firstName(),
                event.lastName(), event.role().name(), event.schoolId(), event.phone(), event.active(),
                java.sql.Timestamp.from(at), java.sql.Timestamp.from(at));
    }

    @EventHandler
    void on(UserDetailsChanged event, @Timestamp Instant at) {
        write("UPDATE user_view SET username = ?, email = ?, first_name = ?, last_name = ?, phone = ?, "
                        + "updated_at = ? WHERE id = ?",
                event.username(), event.email(), event.firstName(), event.lastName(), event.phone(),
                java.sql.Timestamp.from(at), event.userId());
    }

    @EventHandler
    void on(UserRoleChanged event, @Timestamp Instant at) {
        set(event.userId(), "role", event.newRole().name(), at);
    }

    @EventHandler
    void on(UserMovedToSchool event, @Timestamp Instant at) {
        set(event.userId(), "school_id", event.toSchoolId(), at);
    }

    @EventHandler
    void on(UserDeactivated event, @Timestamp Instant at) {
        set(event.userId(), "is_active", false, at);
    }

    @EventHandler
    void on(UserReactivated event, @Timestamp Instant at) {
        set(event.userId(), "is_active", true, at);
    }

    /** A sign-in is not an edit: {@code updated_at} stays. */
    @EventHandler
    void on(UserSignedIn event, @Timestamp Instant at) {
        write("UPDATE user_view SET last_login = ? WHERE id = ?", java.sql.Timestamp.from(at), event.userId());
    }

    /** What a rebuild shows too: every personal field of the user's events reads as erased. */
    @EventHandler
    void on(PersonalDataErased event, @Timestamp Instant at) {
        write("UPDATE user_view SET username = ?, email = ?, first_name = ?, last_name = ?, phone = ?, "
                        + "is_active = false, updated_at = ? WHERE id = ?",
                PersonalData.ERASED, PersonalData.ERASED, PersonalData.ERASED, PersonalData.ERASED,
                PersonalData.ERASED, java.sql.Timestamp.from(at), event.userId());
    }

    @EventHandler
    void on(UserRemoved event) {
        write("DELETE FROM user_view WHERE id = ?", event.userId());
    }

    /** Deleting a school removes its users from the API, as the original's cascade did. */
    @EventHandler
    void on(SchoolDeleted event) {
        write("DELETE FROM user_view WHERE school_id = ?", event.schoolId());
    }

    @ResetHandler
    void reset() {
        write("TRUNCATE user_view");
    }

    private void set(long userId, String column, Object value, Instant at) {
        write("UPDATE user_view SET " + column + " = ?, updated_at = ? WHERE id = ?", value,
                java.sql.Timestamp.from(at), userId);
    }

    /** Every write of {@code user_view} tells the nodes' in-memory copies of users ({@link ReadModelChanges}). */
    private void write(String sql, Object... arguments) {
        ReadModelChanges.update(jdbc, ProjectionNames.ACCOUNTS, sql, arguments);
    }
}
