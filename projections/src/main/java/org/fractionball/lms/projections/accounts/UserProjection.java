package org.fractionball.lms.projections.accounts;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.fractionball.lms.events.accounts.UserProvisioned;
import org.fractionball.lms.events.schools.SchoolDeleted;
import org.fractionball.lms.projections.ProjectionNames;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
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
    void on(UserProvisioned event, @org.axonframework.eventhandling.Timestamp Instant at) {
        jdbc.update("""
                INSERT INTO user_view (id, firebase_uid, username, email, first_name, last_name, role, school_id,
                                       phone, is_active, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (id) DO NOTHING""",
                event.userId(), event.firebaseUid(), event.username(), event.email(), event.firstName(),
                event.lastName(), event.role().name(), event.schoolId(), event.phone(), event.active(),
                Timestamp.from(at), Timestamp.from(at));
    }

    /** Deleting a school removes its users from the API, as the original's cascade did. */
    @EventHandler
    void on(SchoolDeleted event) {
        jdbc.update("DELETE FROM user_view WHERE school_id = ?", event.schoolId());
    }

    @ResetHandler
    void reset() {
        jdbc.update("TRUNCATE user_view");
    }
}
