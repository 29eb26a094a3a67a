package org.fractionball.lms.infrastructure.axon;

import org.fractionball.lms.events.shared.Role;
import org.fractionball.lms.infrastructure.support.Api;
import org.fractionball.lms.infrastructure.support.IntegrationTest;
import org.fractionball.lms.infrastructure.support.TestServices;
import org.fractionball.lms.projections.ProjectionNames;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The event store and the projections built from it, against real PostgreSQL. */
class EventStoreIT extends IntegrationTest {

    @Test
    void payloads_and_metadata_are_json_readable_in_sql() {
        long schoolId = school(unique("sql") + ".edu");
        String domain = jdbc.queryForObject("""
                SELECT convert_from(payload, 'UTF8')::jsonb ->> 'domain' FROM domain_event_entry
                WHERE aggregate_identifier = ? AND sequence_number = 0""", String.class, "school-" + schoolId);
        assertThat(domain).startsWith("sql-");
        String columnType = jdbc.queryForObject("""
                SELECT data_type FROM information_schema.columns
                WHERE table_name = 'domain_event_entry' AND column_name = 'payload'""", String.class);
        assertThat(columnType).isEqualTo("bytea");
    }

    /**
     * A transaction takes a global index, then a later one commits first: the projection must
     * still receive the earlier event once it commits (Axon's gap-aware token).
     */
    @Test
    void an_event_committed_late_still_reaches_the_projection() throws Exception {
        long lateSchool = jdbc.queryForObject("SELECT nextval('school_id_seq')", Long.class);
        try (Connection slow = TestServices.get().connect()) {
            slow.setAutoCommit(false);
            PreparedStatement insert = slow.prepareStatement("""
                    INSERT INTO domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type,
                        time_stamp, payload_type, payload_revision, payload, meta_data)
                    VALUES (?, ?, 0, 'School', ?, 'org.fractionball.lms.events.schools.SchoolRegistered', NULL, ?, ?)""");
            insert.setString(1, UUID.randomUUID().toString());
            insert.setString(2, "school-" + lateSchool);
            insert.setString(3, Instant.now().truncatedTo(ChronoUnit.MILLIS).toString());
            insert.setBytes(4, ("{\"schoolId\":" + lateSchool + ",\"name\":\"Late\",\"domain\":\"late-" + lateSchool
                    + ".edu\",\"address\":\"\",\"phone\":\"\",\"active\":true}").getBytes());
            insert.setBytes(5, "{}".getBytes());
            insert.executeUpdate();
            long lateIndex = jdbc.queryForObject("SELECT last_value FROM domain_event_entry_global_index_seq", Long.class);

            long early = school(unique("early") + ".edu");
            assertThat(rowExists(early)).isTrue();
            assertThat(rowExists(lateSchool)).isFalse();
            assertThat(projections.hasPassed(ProjectionNames.ACCOUNTS, lateIndex)).isFalse();

            slow.commit();
        }
        awaitProjections();
        long deadline = System.currentTimeMillis() + 10_000;
        while (!rowExists(lateSchool) && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertThat(rowExists(lateSchool)).isTrue();
    }

    @Test
    void rebuilding_the_projection_from_the_event_store_reproduces_the_same_rows() {
        long a = school(unique("rebuild-a") + ".edu");
        user(Role.TEACHER, a);
        user(Role.SCHOOL_ADMIN, a);
        String admin = tokenFor(user(Role.ADMIN, a));
        Api.Response b = api().post("/api/schools/", "{\"name\": \"B\", \"domain\": \"" + unique("b") + ".edu\"}")
                .token(admin).send();
        api().patch("/api/schools/" + b.json().get("id").asLong() + "/", "{\"is_active\": false}").token(admin).send();
        long c = api().post("/api/schools/", "{\"name\": \"C\", \"domain\": \"" + unique("c") + ".edu\"}").token(admin)
                .send().json().get("id").asLong();
        api().delete("/api/schools/" + c + "/").token(admin).send();
        awaitProjections();
        String before = checksum();

        replay(ProjectionNames.ACCOUNTS,
                () -> assertThat(jdbc.queryForObject("SELECT count(*) FROM school_view", Long.class)).isZero());
        assertThat(checksum()).isEqualTo(before);
    }

    @Test
    void aggregates_with_long_histories_are_snapshotted() {
        long schoolId = school(unique("long") + ".edu");
        String admin = tokenFor(user(Role.ADMIN, schoolId));
        for (int i = 0; i < 105; i++) {
            Api.Response changed = api().patch("/api/schools/" + schoolId + "/", "{\"name\": \"Name " + i + "\"}")
                    .token(admin).send();
            assertThat(changed.status()).isEqualTo(200);
        }
        long deadline = System.currentTimeMillis() + 10_000;
        Long snapshots = 0L;
        while (snapshots == 0 && System.currentTimeMillis() < deadline) {
            snapshots = jdbc.queryForObject("SELECT count(*) FROM snapshot_event_entry WHERE aggregate_identifier = ?",
                    Long.class, "school-" + schoolId);
        }
        assertThat(snapshots).isEqualTo(1);
        Api.Response after = api().patch("/api/schools/" + schoolId + "/", "{\"name\": \"Final\"}").token(admin).send();
        assertThat(after.json().get("name").asText()).isEqualTo("Final");
        assertThat(projections.awaitPassed(List.of(ProjectionNames.ACCOUNTS),
                Long.parseLong(after.header("X-Event-Position")), Duration.ofSeconds(5))).isTrue();
    }

    private boolean rowExists(long schoolId) {
        return Boolean.TRUE.equals(jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM school_view WHERE id = ?)",
                Boolean.class, schoolId));
    }

    private String checksum() {
        return jdbc.queryForObject("""
                SELECT md5(coalesce((SELECT string_agg(s::text, '|' ORDER BY s.id) FROM school_view s), '') || '#' ||
                           coalesce((SELECT string_agg(u::text, '|' ORDER BY u.id) FROM user_view u), ''))""",
                String.class);
    }
}
