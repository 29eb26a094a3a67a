package org.fractionball.lms.projections.schools;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.fractionball.lms.events.schools.SchoolDeactivated;
import org.fractionball.lms.events.schools.SchoolDeleted;
import org.fractionball.lms.events.schools.SchoolDetailsChanged;
import org.fractionball.lms.events.schools.SchoolReactivated;
import org.fractionball.lms.events.schools.SchoolRegistered;
import org.fractionball.lms.projections.ProjectionNames;
import org.fractionball.lms.projections.ReadModelChanges;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;

/** Keeps {@code school_view}; runs in the processor's transaction together with its token. */
@Component
@ProcessingGroup(ProjectionNames.ACCOUNTS)
public class SchoolProjection {
    private final JdbcTemplate jdbc;

    public SchoolProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(SchoolRegistered event, @org.axonframework.eventhandling.Timestamp Instant at) {
        write("""
                INSERT INTO school_view (id, name, domain, address, phone, is_active, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (id) DO NOTHING""",
                event.schoolId(), event.name(), event.domain(), event.address(), event.phone(), event.active(),
                Timestamp.from(at), Timestamp.from(at));
    }

    @EventHandler
    void on(SchoolDetailsChanged event, @org.axonframework.eventhandling.Timestamp Instant at) {
        write("UPDATE school_view SET name = ?, domain = ?, address = ?, phone = ?, updated_at = ? WHERE id = ?",
                event.name(), event.domain(), event.address(), event.phone(), Timestamp.from(at), event.schoolId());
    }

    @EventHandler
    void on(SchoolDeactivated event, @org.axonframework.eventhandling.Timestamp Instant at) {
        setActive(event.schoolId(), false, at);
    }

    @EventHandler
    void on(SchoolReactivated event, @org.axonframework.eventhandling.Timestamp Instant at) {
        setActive(event.schoolId(), true, at);
    }

    @EventHandler
    void on(SchoolDeleted event) {
        write("DELETE FROM school_view WHERE id = ?", event.schoolId());
    }

    @ResetHandler
    void reset() {
        write("TRUNCATE school_view");
    }

    private void setActive(long schoolId, boolean active, Instant at) {
        write("UPDATE school_view SET is_active = ?, updated_at = ? WHERE id = ?", active, Timestamp.from(at),
                schoolId);
    }

    /** Every write of {@code school_view} tells the nodes' in-memory copies of users, which hold their school's name. */
    private void write(String sql, Object... arguments) {
        ReadModelChanges.update(jdbc, ProjectionNames.ACCOUNTS, sql, arguments);
    }
}
