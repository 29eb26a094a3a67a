package org.fractionball.lms.infrastructure.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.fractionball.lms.events.content.ContentCreated;
import org.fractionball.lms.events.content.ContentDetailsChanged;
import org.fractionball.lms.events.content.ContentKind;
import org.fractionball.lms.events.content.ContentSubmittedForReview;
import org.fractionball.lms.events.shared.Role;
import org.fractionball.lms.infrastructure.LmsApplication;
import org.fractionball.lms.infrastructure.support.TestServices;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tamper evidence: every way of rewriting the stored history by SQL (changing a payload, metadata,
 * timestamp or type; deleting, inserting or reordering events; re-hashing a row; removing a seal) is
 * reported with the first failing position and why. Each tampering runs in a transaction the
 * verifier shares and that is rolled back, so the store the other tests use stays intact.
 */
class TamperEvidenceIT extends AuditApiSupport {
    private static final String CHANGED = "content does not match its chain hash (payload, metadata, timestamp, "
            + "type, identity or position changed)";

    @Autowired
    private EventStoreVerifier verifier;
    @Autowired
    private EventSealer sealer;
    @Autowired
    private PlatformTransactionManager transactions;

    private Account teacher;
    private String first;
    private String second;
    private long[] a;
    private long[] b;
    private long gap;

    @BeforeEach
    void twoSealedHistoriesWithAGap() {
        long home = school(unique("tamper") + ".edu");
        teacher = account(Role.TEACHER, home);
        UUID firstId = UUID.randomUUID();
        UUID secondId = UUID.randomUUID();
        first = videoAggregate(firstId);
        second = videoAggregate(secondId);
        a = new long[3];
        b = new long[2];
        a[0] = position(append(first, 0, created(firstId, home, "Halves"), teacher, now()));
        b[0] = position(append(second, 0, created(secondId, home, "Thirds"), teacher, now()));
        // a position handed out and never used, like a rolled-back append leaves
        gap = jdbc.queryForObject("SELECT nextval(pg_get_serial_sequence('domain_event_entry', 'global_index'))",
                Long.class);
        a[1] = position(append(first, 1, new ContentDetailsChanged(firstId, ContentKind.VIDEO,
                video("Halves again")), teacher, now()));
        b[1] = position(append(second, 1, new ContentSubmittedForReview(secondId, ContentKind.VIDEO, "Thirds",
                teacher.id()), teacher, now()));
        a[2] = position(append(first, 2, new ContentSubmittedForReview(firstId, ContentKind.VIDEO, "Halves again",
                teacher.id()), teacher, now()));
        awaitSealed(head());
    }

    @Test
    void an_untouched_store_verifies() {
        EventStoreVerifier.Verification verification = verifier.verify(a[0], head());
        assertThat(verification.firstFailure()).isNull();
        assertThat(verification.valid()).isTrue();
        assertThat(verification.from()).isLessThanOrEqualTo(a[0]);
        assertThat(verification.verified()).isGreaterThanOrEqualTo(5);
        assertThat(verification.sealedThrough()).isGreaterThanOrEqualTo(a[2]);
        assertThat(verification.headSealDigest()).hasSize(64);
    }

    @Test
    void a_changed_payload_metadata_timestamp_or_type_is_found_at_its_position() {
        assertFailure(tampered("UPDATE domain_event_entry SET payload = convert_to(replace(convert_from(payload, "
                + "'UTF8'), 'Halves again', 'Quarters'), 'UTF8') WHERE global_index = ?", a[1]), a[1], CHANGED);
        // the client address is stored encrypted (personal data); the actor's role is not
        assertFailure(tampered("UPDATE domain_event_entry SET meta_data = convert_to(replace(convert_from(meta_data, "
                + "'UTF8'), '\"actorRole\":\"TEACHER\"', '\"actorRole\":\"ADMIN\"'), 'UTF8') WHERE global_index = ?",
                a[1]), a[1], CHANGED);
        assertFailure(tampered("UPDATE domain_event_entry SET time_stamp = '2020-01-01T00:00:00.000Z' "
                + "WHERE global_index = ?", a[1]), a[1], CHANGED);
        assertFailure(tampered("UPDATE domain_event_entry SET payload_type = "
                + "'org.fractionball.lms.events.content.ContentApproved' WHERE global_index = ?", a[1]), a[1], CHANGED);
        assertFailure(tampered("UPDATE domain_event_entry SET type = 'Playlist' WHERE global_index = ?", b[0]), b[0],
                CHANGED);
        assertFailure(tampered("UPDATE domain_event_entry SET event_identifier = ? WHERE global_index = ?",
                UUID.randomUUID().toString(), b[1]), b[1], CHANGED);
    }

    @Test
    void a_deleted_event_is_found() {
        Seal middle = sealOf(a[1]);
        // the successor names its missing predecessor, unless the seal around the hole is checked first
        EventStoreVerifier.Verification verification = tampered("DELETE FROM domain_event_entry WHERE global_index = ?",
                a[1]);
        if (middle.lastPosition() >= a[2]) {
            assertFailure(verification, a[2], "event 1 of aggregate " + first + " is missing (deleted or renumbered)");
        } else {
            assertFailure(verification, middle.firstPosition(), countMismatch(middle, -1));
        }

        Seal last = sealOf(b[1]);
        assertFailure(tampered("DELETE FROM domain_event_entry WHERE global_index = ?", b[1]), last.firstPosition(),
                countMismatch(last, -1));
    }

    @Test
    void an_event_inserted_into_a_sealed_range_is_found() {
        Seal around = sealOf(gap);
        EventStoreVerifier.Verification verification = tampered("""
                INSERT INTO domain_event_entry (global_index, aggregate_identifier, sequence_number, type,
                                                event_identifier, meta_data, payload, payload_revision, payload_type,
                                                time_stamp)
                SELECT ?, 'video-forged', 0, type, ?, meta_data, payload, payload_revision, payload_type, time_stamp
                FROM domain_event_entry WHERE global_index = ?""", gap, UUID.randomUUID().toString(), a[0]);
        assertFailure(verification, around.firstPosition(), countMismatch(around, +1));
    }

    @Test
    void reordered_events_are_found() {
        long spare = -1 - a[0];
        assertFailure(tampered("""
                UPDATE domain_event_entry SET global_index = ? WHERE global_index = ?;
                UPDATE domain_event_entry SET global_index = ? WHERE global_index = ?;
                UPDATE domain_event_entry SET global_index = ? WHERE global_index = ?""",
                spare, a[0], a[0], b[0], b[0], spare), a[0], CHANGED);
        assertFailure(tampered("""
                UPDATE domain_event_entry SET sequence_number = -1 WHERE global_index = ?;
                UPDATE domain_event_entry SET sequence_number = 1 WHERE global_index = ?;
                UPDATE domain_event_entry SET sequence_number = 2 WHERE global_index = ?""",
                a[1], a[2], a[1]), a[1], "stored after its successor in aggregate " + first + " (reordered)");
    }

    @Test
    void a_row_rewritten_with_a_recomputed_chain_hash_breaks_its_seal() {
        Seal last = sealOf(b[1]);
        EventStoreVerifier.Verification verification = tampered("""
                UPDATE domain_event_entry e
                SET payload = convert_to(replace(convert_from(e.payload, 'UTF8'), 'Thirds', 'Fifths'), 'UTF8')
                WHERE global_index = ?;
                UPDATE domain_event_entry e
                SET chain_hash = event_chain_hash(p.chain_hash, e.global_index, e.aggregate_identifier,
                                                  e.sequence_number, e.type, e.event_identifier, e.meta_data,
                                                  e.payload, e.payload_revision, e.payload_type, e.time_stamp)
                FROM domain_event_entry p
                WHERE e.global_index = ? AND p.aggregate_identifier = e.aggregate_identifier
                  AND p.sequence_number = e.sequence_number - 1""", b[1], b[1]);
        assertFailure(verification, last.firstPosition(), "sealed range " + last.firstPosition() + "-"
                + last.lastPosition() + " does not match its seal (an event was inserted, deleted or moved to "
                + "another position, or the seal was altered)");
    }

    @Test
    void a_deleted_or_altered_seal_is_found() {
        Seal sealed = sealOf(a[0]);
        append(first, 3, new ContentDetailsChanged(UUID.fromString(first.substring("video-".length())),
                ContentKind.VIDEO, video("Halves, later")), teacher, now());
        awaitSealed(head());
        assertFailure(tampered("DELETE FROM event_seal WHERE seal_number = ?", sealed.number()), a[0],
                "no seal covers this position although later ones are sealed (a seal was deleted)");
        assertFailure(tampered("UPDATE event_seal SET digest = sha256(digest) WHERE seal_number = ?", sealed.number()),
                sealed.firstPosition(), "sealed range " + sealed.firstPosition() + "-" + sealed.lastPosition()
                        + " does not match its seal (an event was inserted, deleted or moved to another position, "
                        + "or the seal was altered)");
    }

    @Test
    void concurrent_appends_are_chained_and_sealed() throws Exception {
        ExecutorService writers = Executors.newFixedThreadPool(4);
        List<Future<?>> done = new ArrayList<>();
        long before = head();
        for (int writer = 0; writer < 4; writer++) {
            done.add(writers.submit(() -> {
                UUID id = UUID.randomUUID();
                String aggregate = videoAggregate(id);
                append(aggregate, 0, created(id, teacher.school(), "Concurrent"), teacher, now());
                for (int sequence = 1; sequence < 25; sequence++) {
                    append(aggregate, sequence, new ContentDetailsChanged(id, ContentKind.VIDEO,
                            video("Concurrent " + sequence)), teacher, now());
                }
            }));
        }
        for (Future<?> writer : done) {
            writer.get();
        }
        writers.shutdown();
        awaitSealed(head());
        EventStoreVerifier.Verification verification = verifier.verify(before + 1, head());
        assertThat(verification.firstFailure()).isNull();
        assertThat(verification.verified()).isGreaterThanOrEqualTo(100);
    }

    @Test
    void a_position_taken_by_a_transaction_still_open_is_not_sealed_until_it_commits() throws Exception {
        UUID lateId = UUID.randomUUID();
        long late;
        try (Connection slow = TestServices.get().connect()) {
            slow.setAutoCommit(false);
            PreparedStatement insert = slow.prepareStatement("""
                    INSERT INTO domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type,
                                                    time_stamp, payload_type, payload, meta_data)
                    SELECT ?, ?, 0, type, time_stamp, payload_type, payload, meta_data
                    FROM domain_event_entry WHERE global_index = ?
                    RETURNING global_index""");
            insert.setString(1, UUID.randomUUID().toString());
            insert.setString(2, videoAggregate(lateId));
            insert.setLong(3, a[0]);
            ResultSet inserted = insert.executeQuery();
            inserted.next();
            late = inserted.getLong(1);
            UUID laterId = UUID.randomUUID();
            long later = position(append(videoAggregate(laterId), 0, created(laterId, teacher.school(), "Later"),
                    teacher, now()));
            assertThat(later).isGreaterThan(late);
            Thread.sleep(3_000);
            assertThat(sealer.sealedThrough()).as("nothing at or after the open transaction's position is sealed")
                    .isLessThan(late);
            slow.commit();
        }
        awaitSealed(head());
        EventStoreVerifier.Verification verification = verifier.verify(late, head());
        assertThat(verification.firstFailure()).isNull();
        assertThat(verification.sealedThrough()).isGreaterThanOrEqualTo(late);
    }

    @Test
    void the_http_endpoint_reports_a_committed_tampering_and_its_repair() {
        JsonNode intact = ok("/api/audit/verify/?from=" + a[0], account(Role.AUDITOR, teacher.school()));
        assertThat(intact.get("valid").asBoolean()).isTrue();
        assertThat(intact.get("first_failure").isNull()).isTrue();
        assertThat(intact.get("events_verified").asLong()).isGreaterThanOrEqualTo(5);

        Account admin = account(Role.ADMIN, teacher.school());
        byte[] original = jdbc.queryForObject("SELECT payload FROM domain_event_entry WHERE global_index = ?",
                byte[].class, b[0]);
        jdbc.update("UPDATE domain_event_entry SET payload = convert_to(replace(convert_from(payload, 'UTF8'), "
                + "'Thirds', 'Sixths'), 'UTF8') WHERE global_index = ?", b[0]);
        try {
            JsonNode broken = ok("/api/audit/verify/?from=" + a[0] + "&to=" + a[2], admin);
            assertThat(broken.get("valid").asBoolean()).isFalse();
            assertThat(broken.get("first_failure").toString()).isEqualTo("{\"position\":" + b[0]
                    + ",\"reason\":\"" + CHANGED + "\"}");
        } finally {
            jdbc.update("UPDATE domain_event_entry SET payload = ? WHERE global_index = ?", original, b[0]);
        }
        assertThat(ok("/api/audit/verify/?from=" + a[0] + "&to=" + a[2], admin).get("valid").asBoolean()).isTrue();
    }

    @Test
    void the_cli_verifies_with_the_server_configuration() {
        TestServices services = TestServices.get();
        Map<String, String> configuration = Map.of(
                "spring.datasource.url", services.jdbcUrl(),
                "spring.datasource.username", services.username,
                "spring.datasource.password", services.password,
                "spring.data.redis.url", services.redisUrl,
                "lms.redis.key-prefix", services.redisKeyPrefix,
                "spring.profiles.active", "test");
        configuration.forEach(System::setProperty);
        try {
            ByteArrayOutputStream output = new ByteArrayOutputStream();
            int code = AuditCommand.run(LmsApplication.class, new String[]{"audit", "verify", "--from",
                    Long.toString(a[0]), "--to", Long.toString(a[2])}, new PrintStream(output, true,
                    StandardCharsets.UTF_8));
            String report = output.toString(StandardCharsets.UTF_8);
            assertThat(code).as(report).isZero();
            JsonNode json = readTree(report);
            assertThat(json.get("valid").asBoolean()).isTrue();
            assertThat(json.get("to").asLong()).isGreaterThanOrEqualTo(a[2]);

            ByteArrayOutputStream usage = new ByteArrayOutputStream();
            assertThat(AuditCommand.run(LmsApplication.class, new String[]{"audit", "verify", "--from", "x"},
                    new PrintStream(usage, true, StandardCharsets.UTF_8))).isEqualTo(2);
            assertThat(usage.toString(StandardCharsets.UTF_8)).isEqualTo(AuditCommand.USAGE + System.lineSeparator());
        } finally {
            configuration.keySet().forEach(System::clearProperty);
        }
    }

    private static ContentCreated created(UUID id, long school, String title) {
        return new ContentCreated(id, ContentKind.VIDEO, 0, school, video(title), "videos/" + school + "/" + id);
    }

    /** Runs the tampering SQL, verifies this test's range inside the same transaction, then rolls both back. */
    private EventStoreVerifier.Verification tampered(String sql, Object... args) {
        long to = head();
        return new TransactionTemplate(transactions).execute(status -> {
            jdbc.update(sql, args);
            status.setRollbackOnly();
            return verifier.verify(a[0], to);
        });
    }

    private static void assertFailure(EventStoreVerifier.Verification verification, long position, String reason) {
        assertThat(verification.valid()).isFalse();
        assertThat(verification.firstFailure()).isEqualTo(new EventStoreVerifier.Failure(position, reason));
    }

    private static String countMismatch(Seal seal, int difference) {
        return "sealed range " + seal.firstPosition() + "-" + seal.lastPosition() + " holds "
                + (seal.eventCount() + difference) + " events but " + seal.eventCount()
                + " were sealed (an event was deleted or inserted)";
    }

    private Seal sealOf(long position) {
        return jdbc.queryForObject("SELECT " + Seal.COLUMNS + " FROM event_seal WHERE first_position <= ? "
                + "AND last_position >= ?", Seal.ROW, position, position);
    }

    private void awaitSealed(long position) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (sealer.sealedThrough() < position) {
            assertThat(System.nanoTime()).as("sealed through " + position + " within 30 s").isLessThan(deadline);
            try {
                Thread.sleep(50);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(interrupted);
            }
        }
    }

    private static JsonNode readTree(String json) {
        try {
            return new ObjectMapper().readTree(json);
        } catch (IOException notJson) {
            throw new AssertionError(json, notJson);
        }
    }
}
