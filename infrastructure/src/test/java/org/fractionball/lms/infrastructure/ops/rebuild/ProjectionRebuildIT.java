package org.fractionball.lms.infrastructure.ops.rebuild;

import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.config.EventProcessingConfiguration;
import org.fractionball.lms.events.shared.Role;
import org.fractionball.lms.infrastructure.axon.ProjectionPositions;
import org.fractionball.lms.infrastructure.bootstrap.Provisioner;
import org.fractionball.lms.infrastructure.support.Api;
import org.fractionball.lms.infrastructure.support.TestFirebase;
import org.fractionball.lms.infrastructure.support.TestServices;
import org.fractionball.lms.infrastructure.support.cluster.InProcessNode;
import org.fractionball.lms.infrastructure.web.RequestContext;
import org.fractionball.lms.projections.ProjectionNames;
import org.fractionball.lms.projections.ProjectionTables;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.io.IOException;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Blue/green rebuilds on a database of their own, through the operations API of real application
 * nodes: the content (library) projection is rebuilt while the library keeps answering from the
 * old tables, the node running it is stopped mid-build and a restarted node resumes and switches;
 * the new tables hold exactly the rows the old ones held, plus what happened meanwhile. The audit
 * projection is rebuilt the same way, and a rebuild that fails says why and can be started again.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProjectionRebuildIT {
    private static final String VIDEOS = "/api/library/videos/?page_size=100";

    private final TestServices services = TestServices.get();
    private final String database = services.freshDatabase("projection_rebuild");
    private final String keyPrefix = services.redisKeyPrefix + "projection-rebuild:";
    private ConfigurableApplicationContext node;
    private Api api;
    private JdbcTemplate jdbc;
    private long school;
    private long appendSchool;
    private String admin;
    private String teacher;
    private String appendTeacher;

    @BeforeAll
    void startNode() throws IOException {
        node = node("node-a");
        api = new Api(InProcessNode.port(node));
        // the test's own connections: the nodes come and go
        jdbc = new JdbcTemplate(new DriverManagerDataSource(database, services.username, services.password));
        school = school("Rebuilt School");
        appendSchool = school("Appended School");
        admin = user(Role.ADMIN, school);
        teacher = user(Role.TEACHER, school);
        appendTeacher = user(Role.TEACHER, appendSchool);
    }

    @AfterAll
    void stopNode() {
        if (node != null && node.isActive()) {
            node.close();
        }
    }

    @Test
    @Order(1)
    void theContentProjectionIsRebuiltWhileServingAndResumesAfterARestart() throws Exception {
        // over a hundred events (one processor batch) before the late school, more after it
        videos(40, "Early");
        long lateSchool = school("Late School");
        videos(50, "Late");
        // also the admin's first request (its sign-in is an event of its own)
        assertThat(projection("content").get("version").asInt()).isEqualTo(1);
        awaitProjections();
        long head = head();
        String before = contentChecksum();
        List<String> indexesBefore = indexes("content");
        long versionBefore = libraryVersion(school);
        assertThat(count("SELECT count(*) FROM content_view WHERE school_id = " + school)).isEqualTo(90);

        try (Connection blocker = services.connect(database)) {
            // no node may claim the rebuild until the blocking row below is in place
            blocker.createStatement().execute("SELECT pg_advisory_lock(72017, hashtext('content'))");
            Api.Response started = api.post("/api/ops/projections/content/rebuild/", null).token(token(admin)).send();
            assertThat(started.status()).as(started.toString()).isEqualTo(202);
            assertThat(started.json().get("name").asText()).isEqualTo("content");
            assertThat(started.json().get("version").asInt()).isEqualTo(1);
            JsonNode rebuild = started.json().get("rebuild");
            List<String> fields = new ArrayList<>();
            rebuild.fieldNames().forEachRemaining(fields::add);
            assertThat(fields).containsExactly("target_version", "status", "position", "head", "percent",
                    "events_per_second", "eta_seconds", "started_at", "error");
            assertThat(rebuild.get("target_version").asInt()).isEqualTo(2);
            assertThat(rebuild.get("status").asText()).isEqualTo("building");
            assertThat(rebuild.get("position").asLong()).isZero();
            assertThat(rebuild.get("head").asLong()).isEqualTo(head);
            assertThat(rebuild.get("percent").asDouble()).isZero();
            assertThat(rebuild.get("eta_seconds").isNull()).isTrue();
            assertThat(Instant.parse(rebuild.get("started_at").asText())).isBefore(Instant.now());
            assertThat(rebuild.get("error").isNull()).isTrue();

            Api.Response again = api.post("/api/ops/projections/content/rebuild/", null).token(token(admin)).send();
            assertThat(again.status()).as(again.toString()).isEqualTo(409);
            assertThat(again.json().get("error").asText()).isEqualTo("Projection content is already being rebuilt");
            assertThat(api.post("/api/ops/projections/nothing/rebuild/", null).token(token(admin)).send().status())
                    .isEqualTo(404);
            assertThat(api.post("/api/ops/projections/content/rebuild/", null).token(token(teacher)).send().status())
                    .isEqualTo(403);

            // the rebuild will wait on this uncommitted row when it reaches the late school
            blocker.setAutoCommit(false);
            blocker.createStatement().execute("INSERT INTO rebuild_content.library_school (id, name) VALUES ("
                    + lateSchool + ", 'blocking')");
            blocker.createStatement().execute("SELECT pg_advisory_unlock(72017, hashtext('content'))");
            JsonNode midway = awaitRebuild(progress -> progress.get("position").asLong() > 0
                    && progress.get("events_per_second").asDouble() > 0);
            assertThat(midway.get("status").asText()).isEqualTo("building");
            assertThat(midway.get("position").asLong()).isBetween(1L, head - 100);
            assertThat(midway.get("percent").asDouble()).isGreaterThan(0).isLessThan(100);
            assertThat(midway.get("eta_seconds").asLong()).isPositive();
            assertThat(count("SELECT count(*) FROM rebuild_content.content_view WHERE school_id = " + school))
                    .isLessThan(90);
            // indexes that only queries use come after the replay; those its writes use are there
            assertThat(jdbc.queryForList("SELECT indexname FROM pg_indexes WHERE schemaname = 'rebuild_content' "
                    + "ORDER BY indexname", String.class)).containsExactly("content_history_open",
                    "content_history_pkey", "content_view_owner", "content_view_pkey", "library_member_pkey",
                    "library_school_pkey");
            // the library still answers from the live tables
            JsonNode served = ok(VIDEOS, teacher);
            assertThat(served.get("count").asLong()).isEqualTo(90);

            Api.Response appended = api.post("/api/videos/", """
                    {"title": "Appended Lesson", "description": "Made while the rebuild ran.", "grade": "5",
                     "topic": "number_line", "storage_uri": "https://example.org/appended.mp4"}""")
                    .token(token(appendTeacher)).send();
            assertThat(appended.status()).as(appended.toString()).isEqualTo(201);
            assertThat(ok(VIDEOS, appendTeacher).get("count").asLong()).isEqualTo(1);

            // stop the node mid-build; its processor finishes the batch the blocker held up
            Thread closing = new Thread(node::close);
            closing.start();
            Thread.sleep(1_000);
            blocker.rollback();
            closing.join(60_000);
            assertThat(closing.isAlive()).isFalse();
        }
        Map<String, Object> interrupted = jdbc.queryForMap("SELECT status, target_version FROM projection_rebuild "
                + "WHERE name = 'content'");
        assertThat(interrupted).containsEntry("status", "building").containsEntry("target_version", 2);
        long stoppedAt = jdbc.queryForObject("SELECT count(*) FROM rebuild_content.content_view", Long.class);
        assertThat(stoppedAt).isPositive();

        node = node("node-b");
        api = new Api(InProcessNode.port(node));
        List<Double> percents = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        JsonNode status = projection("content");
        while (!status.get("rebuild").isNull() && System.nanoTime() < deadline) {
            percents.add(status.get("rebuild").get("percent").asDouble());
            assertThat(status.get("rebuild").get("error").isNull()).isTrue();
            Thread.sleep(100);
            status = projection("content");
        }
        assertThat(status.get("rebuild").isNull()).as(status.toString()).isTrue();
        assertThat(percents).isSorted();
        assertThat(status.get("version").asInt()).isEqualTo(2);

        awaitProjections();
        assertThat(contentChecksum()).isEqualTo(before);
        assertThat(count("SELECT count(*) FROM pg_namespace WHERE nspname IN ('rebuild_content', 'retired_content')"))
                .isZero();
        assertThat(count("SELECT count(*) FROM token_entry WHERE processor_name LIKE 'content@%'")).isZero();
        assertThat(count("SELECT count(*) FROM projection_rebuild")).isZero();
        assertThat(libraryVersion(school)).isGreaterThan(versionBefore);
        // the same indexes under the same names as the migrations made, so later migrations find them
        assertThat(indexes("content")).hasSize(17).isEqualTo(indexesBefore);
        assertThat(count("SELECT count(*) FROM pg_trigger WHERE tgrelid = 'public.content_view'::regclass "
                + "AND NOT tgisinternal")).isEqualTo(2);

        JsonNode appendedNow = ok(VIDEOS, appendTeacher);
        assertThat(appendedNow.get("count").asLong()).isEqualTo(1);
        assertThat(appendedNow.at("/results/0/title").asText()).isEqualTo("Appended Lesson");
        assertThat(ok(VIDEOS, teacher).get("count").asLong()).isEqualTo(90);
        // the live processor carries on from the rebuild's token, into the new tables
        videos(1, "After");
        awaitProjections();
        assertThat(ok(VIDEOS, teacher).get("count").asLong()).isEqualTo(91);
        assertThat(count("SELECT count(*) FROM content_history WHERE title = 'After 0 edited' AND valid_to IS NULL"))
                .isEqualTo(1);
    }

    @Test
    @Order(2)
    void theAuditProjectionIsRebuiltToTheSameRows() throws Exception {
        // an event whose class the application no longer has: the rebuild copies the rows of the others
        // in and indexes this one from its stored row, as the live projection does
        jdbc.update("""
                INSERT INTO domain_event_entry (aggregate_identifier, sequence_number, type, event_identifier,
                                                meta_data, payload, payload_type, time_stamp)
                VALUES ('retired-1', 0, 'Retired', ?, convert_to('{}', 'UTF8'), convert_to('{}', 'UTF8'),
                        'org.fractionball.lms.events.retired.Retired$Gone', ?)""",
                UUID.randomUUID().toString(), Instant.now().toString());
        awaitProjections();
        long head = head();
        assertThat(count("SELECT count(*) FROM audit_event_index WHERE aggregate_id = 'retired-1'"
                + " AND event_type = 'Gone' AND aggregate_type = 'Retired'")).isEqualTo(1);
        String before = auditChecksum(head);
        List<String> indexesBefore = indexes("audit");
        Api.Response started = api.post("/api/ops/projections/audit/rebuild/", null).token(token(admin)).send();
        assertThat(started.status()).as(started.toString()).isEqualTo(202);
        assertThat(started.json().at("/rebuild/target_version").asInt()).isEqualTo(2);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!projection("audit").get("rebuild").isNull() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        JsonNode audit = projection("audit");
        assertThat(audit.get("rebuild").isNull()).as(audit.toString()).isTrue();
        assertThat(audit.get("version").asInt()).isEqualTo(2);
        assertThat(auditChecksum(head)).isEqualTo(before);
        assertThat(indexes("audit")).hasSize(11).isEqualTo(indexesBefore);
        // the index names what the store holds, row for row
        assertThat(auditIndexRowsMatchingTheStore(head)).isEqualTo(storedEvents(head)).isPositive();
        assertThat(count("SELECT count(*) FROM audit_event_index WHERE aggregate_id = 'retired-1'"
                + " AND event_type = 'Gone' AND aggregate_type = 'Retired'")).isEqualTo(1);
        Api.Response events = api.get("/api/audit/events/?limit=1").token(token(admin)).send();
        assertThat(events.status()).as(events.toString()).isEqualTo(200);
        assertThat(projection("content").get("version").asInt()).isEqualTo(2);
    }

    @Test
    @Order(3)
    void aRebuildThatCannotApplyAnEventFailsAndCanBeStartedAgain() throws Exception {
        awaitProjections();
        long head = head();
        String before = auditChecksum(head);
        List<String> indexesBefore = indexes("audit");
        try (Connection blocker = services.connect(database)) {
            blocker.createStatement().execute("SELECT pg_advisory_lock(72017, hashtext('audit'))");
            Api.Response started = api.post("/api/ops/projections/audit/rebuild/", null).token(token(admin)).send();
            assertThat(started.status()).as(started.toString()).isEqualTo(202);
            assertThat(started.json().at("/rebuild/target_version").asInt()).isEqualTo(3);
            blocker.createStatement().execute("ALTER TABLE rebuild_audit.audit_event_index "
                    + "ADD CONSTRAINT refuses_every_row CHECK (position < 0)");
            blocker.createStatement().execute("SELECT pg_advisory_unlock(72017, hashtext('audit'))");
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        JsonNode failed = projection("audit").get("rebuild");
        while (!failed.get("status").asText().equals("failed") && System.nanoTime() < deadline) {
            Thread.sleep(100);
            failed = projection("audit").get("rebuild");
        }
        assertThat(failed.get("status").asText()).as(failed.toString()).isEqualTo("failed");
        assertThat(failed.get("error").asText()).contains("refuses_every_row");
        assertThat(failed.get("eta_seconds").isNull()).isTrue();
        // the live version is untouched and keeps serving
        assertThat(projection("audit").get("version").asInt()).isEqualTo(2);
        assertThat(auditChecksum(head)).isEqualTo(before);
        assertThat(indexes("audit")).hasSize(11).isEqualTo(indexesBefore);

        Api.Response restarted = api.post("/api/ops/projections/audit/rebuild/", null).token(token(admin)).send();
        assertThat(restarted.status()).as(restarted.toString()).isEqualTo(202);
        assertThat(restarted.json().at("/rebuild/status").asText()).isEqualTo("building");
        assertThat(restarted.json().at("/rebuild/error").isNull()).isTrue();
        deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!projection("audit").get("rebuild").isNull() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(projection("audit").get("version").asInt()).isEqualTo(3);
        assertThat(auditChecksum(head)).isEqualTo(before);
        assertThat(indexes("audit")).hasSize(11).isEqualTo(indexesBefore);
        assertThat(auditIndexRowsMatchingTheStore(head)).isEqualTo(storedEvents(head)).isPositive();
    }

    private void videos(int count, String prefix) {
        for (int i = 0; i < count; i++) {
            Api.Response created = api.post("/api/videos/", """
                    {"title": "%s %d", "description": "Fractions on the court.", "grade": "4",
                     "topic": "number_line", "storage_uri": "https://example.org/%d.mp4"}""".formatted(prefix, i, i))
                    .token(token(teacher)).send();
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            String id = created.json().get("id").asText();
            Api.Response edited = api.patch("/api/videos/" + id + "/", "{\"title\": \"" + prefix + " " + i
                    + " edited\"}").token(token(teacher)).send();
            assertThat(edited.status()).as(edited.toString()).isEqualTo(200);
            Api.Response submitted = api.post("/api/approval/videos/" + id + "/submit_for_review/", null)
                    .token(token(teacher)).send();
            assertThat(submitted.status()).as(submitted.toString()).isEqualTo(200);
        }
    }

    /** Every row of the content group's tables, except the appended school's content (it changes meanwhile). */
    private String contentChecksum() {
        return jdbc.queryForObject("""
                SELECT (SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), ''))
                        FROM content_view t WHERE school_id <> ?)
                    || (SELECT md5(coalesce(string_agg((to_jsonb(t) - 'history_id')::text, '|'
                                                       ORDER BY (to_jsonb(t) - 'history_id')::text), ''))
                        FROM content_history t WHERE school_id <> ?)
                    || (SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) FROM library_member t)
                    || (SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) FROM library_school t)
                    || (SELECT count(*) FROM content_view WHERE school_id <> ?)""",
                String.class, appendSchool, appendSchool, appendSchool);
    }

    /** The audit group's rows for the events up to {@code head}. */
    private String auditChecksum(long head) {
        return jdbc.queryForObject("""
                SELECT (SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), ''))
                        FROM audit_event_index t WHERE position <= ?)
                    || (SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) FROM audit_log_view t
                        WHERE event_id IN (SELECT event_id FROM audit_event_index WHERE position <= ?))
                    || (SELECT count(*) FROM audit_event_index WHERE position <= ?)""",
                String.class, head, head, head);
    }

    private JsonNode awaitRebuild(Predicate<JsonNode> condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        JsonNode rebuild = projection("content").get("rebuild");
        while (!condition.test(rebuild) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            rebuild = projection("content").get("rebuild");
        }
        assertThat(condition.test(rebuild)).as(rebuild.toString()).isTrue();
        return rebuild;
    }

    private JsonNode projection(String name) {
        JsonNode body = ok("/api/ops/projections/", admin);
        for (JsonNode projection : body.get("projections")) {
            if (projection.get("name").asText().equals(name)) {
                return projection;
            }
        }
        throw new AssertionError("no projection " + name + " in " + body);
    }

    private JsonNode ok(String path, String uid) {
        Api.Response response = api.get(path).token(token(uid)).send();
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    private long libraryVersion(long schoolId) {
        return jdbc.queryForObject("SELECT version FROM library_version WHERE school_id = ?", Long.class, schoolId);
    }

    /** Rows of the audit index up to {@code head} that name exactly what the store holds for their position. */
    private long auditIndexRowsMatchingTheStore(long head) {
        return count("SELECT count(*) FROM audit_event_index i JOIN domain_event_entry e ON e.global_index = i.position "
                + "WHERE i.position <= " + head + " AND (i.event_id, i.event_type, i.aggregate_type, i.aggregate_id, "
                + "i.created_at) IS NOT DISTINCT FROM (e.event_identifier, regexp_replace(e.payload_type, '^.*[.$]', ''), "
                + "e.type, e.aggregate_identifier, e.time_stamp::timestamptz)");
    }

    private long storedEvents(long head) {
        return count("SELECT count(*) FROM domain_event_entry WHERE global_index <= " + head);
    }

    /** Every index of the group's live tables, as its definition. */
    private List<String> indexes(String group) {
        return jdbc.queryForList("SELECT indexdef FROM pg_indexes WHERE schemaname = 'public' "
                + "AND tablename = ANY (?) ORDER BY indexdef", String.class,
                (Object) ProjectionTables.ownedBy(group).toArray(String[]::new));
    }

    private long count(String sql) {
        return jdbc.queryForObject(sql, Long.class);
    }

    private long head() {
        return count("SELECT coalesce(max(global_index), 0) FROM domain_event_entry");
    }

    private void awaitProjections() {
        EventProcessingConfiguration processing = node.getBean(EventProcessingConfiguration.class);
        List<String> running = ProjectionNames.ALL.stream()
                .filter(name -> processing.eventProcessor(name).isPresent()).toList();
        assertThat(node.getBean(ProjectionPositions.class).awaitPassed(running, head(),
                Duration.ofSeconds(30))).as("projections caught up").isTrue();
    }

    private long school(String name) {
        long[] id = new long[1];
        String domain = name.toLowerCase().replace(' ', '-') + "-" + UUID.randomUUID().toString().substring(0, 6)
                + ".edu";
        RequestContext.runAs("system:test", () -> id[0] = node.getBean(Provisioner.class).ensureSchool(name, domain));
        return id[0];
    }

    private String user(Role role, long schoolId) {
        String uid = role.name().toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 8);
        RequestContext.runAs("system:test", () -> node.getBean(Provisioner.class).ensureUser(uid, uid,
                uid + "@example.edu", "Rebuild", role.name(), role, schoolId));
        awaitProjections();
        return uid;
    }

    private static String token(String uid) {
        return TestFirebase.idToken(uid);
    }

    private ConfigurableApplicationContext node(String name) throws IOException {
        Map<String, String> own = new LinkedHashMap<>();
        own.put("lms.throttling.enabled", "false");
        // batches of 100 (production: 1000), so that the first batch commits before the blocking row's event
        own.put("axon.eventhandling.processors.content.batch-size", "100");
        return InProcessNode.start(name, services, database, keyPrefix, own);
    }


}
