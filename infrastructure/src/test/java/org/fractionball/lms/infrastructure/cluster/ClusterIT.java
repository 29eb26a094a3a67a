package org.fractionball.lms.infrastructure.cluster;

import org.fractionball.lms.infrastructure.support.Api;
import org.fractionball.lms.infrastructure.support.TestFirebase;
import org.fractionball.lms.infrastructure.support.cluster.AppNode;
import org.fractionball.lms.infrastructure.support.cluster.Cluster;
import org.fractionball.lms.infrastructure.support.cluster.Nginx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fractionball.lms.infrastructure.cluster.ClusterSupport.awaitProjections;
import static org.fractionball.lms.infrastructure.cluster.ClusterSupport.school;
import static org.fractionball.lms.infrastructure.cluster.ClusterSupport.user;

/**
 * Three application JVMs (every role) on one database and one Redis behind ops/nginx: commands
 * accepted on every node, one winner per version when the nodes race on one aggregate, projection
 * segments shared out and never applied twice, a throttle limit held in total, read-your-writes
 * across nodes, and a SIGKILLed node's segments taken over by the others after the claim timeout.
 * Measured times are printed as {@code [cluster] …} lines (docs/scaling.md).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {
    private static final int LIBRARY_PER_HOUR = 30;
    /** Axon's defaults as configured in production: claim timeout 10 s, claim attempts every 5 s. */
    private static final Duration HAND_OVER_BOUND = Duration.ofSeconds(10 + 5 + 5);
    private static final List<String> NODES = List.of("node-a", "node-b", "node-c");

    private Cluster cluster;
    private String admin;

    @BeforeAll
    void start() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Nginx.BINARY), "Debian's nginx is not installed: skipped");
        // the nodes are JVMs of their own: they verify tokens against the emulator, not the test's local keys
        Assumptions.assumeTrue(TestFirebase.EMULATOR, "no FIREBASE_AUTH_EMULATOR_HOST: skipped");
        cluster = Cluster.builder("cluster")
                .node("node-a").node("node-b").node("node-c")
                .environment("THROTTLE_LIBRARY", LIBRARY_PER_HOUR + "/hour")
                // three segments, at most two per node: shared by the three nodes, and room to take over
                .property("axon.eventhandling.processors.audit.initial-segment-count", "3")
                .property("axon.eventhandling.processors.audit.thread-count", "2")
                .start();
        awaitProjections(cluster);
        admin = cluster.token(Cluster.ADMIN_UID);
    }

    @AfterAll
    void stop() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Order(1)
    void aWriteOnOneNodeIsReadOnAnother() {
        List<Long> waits = new ArrayList<>();
        // the first round meets cold nodes (JIT, first token verification); the next two are warm
        for (int i = 0; i < 27; i++) {
            Api writer = cluster.node(NODES.get(i % 3)).api();
            Api reader = cluster.node(NODES.get((i + 1) % 3)).api();
            long school = school(writer, admin, "Written On " + NODES.get(i % 3));
            long before = System.nanoTime();
            Api.Response read = reader.get("/api/schools/" + school + "/").token(admin).send();
            waits.add((System.nanoTime() - before) / 1_000_000);
            assertThat(read.status()).as(read.toString()).isEqualTo(200);
            assertThat(read.json().get("id").asLong()).isEqualTo(school);
        }
        System.out.println("[cluster] read-your-writes across nodes, GET after POST (ms): " + waits);
    }

    @Test
    @Order(2)
    void racingEditsFromEveryNodeLeaveOneEventPerVersion() throws Exception {
        long school = school(cluster.api(), admin, "Contended");
        awaitProjections(cluster);
        int writers = 15;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        List<Future<Api.Response>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < writers; i++) {
                Api api = cluster.node(NODES.get(i % 3)).api();
                String body = "{\"name\": \"Contended " + i + "\"}";
                answers.add(pool.submit(() -> {
                    start.await();
                    return api.patch("/api/schools/" + school + "/", body).token(admin).send();
                }));
            }
            start.countDown();
            int accepted = 0;
            for (Future<Api.Response> answer : answers) {
                Api.Response response = answer.get();
                assertThat(response.status()).as(response.toString()).isIn(200, 409);
                accepted += response.status() == 200 ? 1 : 0;
            }
            System.out.println("[cluster] racing edits: " + accepted + " of " + writers + " accepted, the rest 409");
            assertThat(accepted).isPositive();
            List<Map<String, Object>> versions = cluster.rows("""
                    SELECT sequence_number FROM domain_event_entry WHERE aggregate_identifier = ?
                    ORDER BY sequence_number""", "school-" + school);
            // the registration, then one event per accepted edit: versions 0..n, no gap, no duplicate
            assertThat(versions).hasSize(1 + accepted);
            for (int i = 0; i < versions.size(); i++) {
                assertThat(((Number) versions.get(i).get("sequence_number")).longValue()).isEqualTo(i);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    @Order(3)
    void aThrottleLimitHoldsInTotalAcrossNodes() {
        long school = school(cluster.api(), admin, "Throttled");
        String teacher = cluster.token(user(cluster, admin, "TEACHER", school));
        int ok = 0;
        int throttled = 0;
        for (int i = 0; i < LIBRARY_PER_HOUR + 12; i++) {
            Api.Response response = cluster.node(NODES.get(i % 3)).api().get("/api/library/videos/")
                    .token(teacher).send();
            assertThat(response.status()).as(response.toString()).isIn(200, 429);
            ok += response.status() == 200 ? 1 : 0;
            throttled += response.status() == 429 ? 1 : 0;
        }
        assertThat(ok).isEqualTo(LIBRARY_PER_HOUR);
        assertThat(throttled).isEqualTo(12);
    }

    @Test
    @Order(4)
    void segmentsAreSharedAppliedOnceAndTakenOverWhenANodeIsKilled() throws Exception {
        Map<Integer, String> owners = auditOwners();
        assertThat(owners).containsOnlyKeys(0, 1, 2);
        assertThat(new HashSet<>(owners.values())).as("audit segments held by more than one node: " + owners)
                .hasSizeGreaterThan(1).isSubsetOf(NODES);
        for (int i = 0; i < 12; i++) {
            school(cluster.api(), admin, "Spread " + i);
        }
        awaitProjections(cluster);
        assertAppliedOnce();

        // the node holding the most segments of all processors dies without a word
        String victim = cluster.rows("SELECT owner, count(*) AS n FROM token_entry GROUP BY owner ORDER BY n DESC")
                .get(0).get("owner").toString();
        Set<String> alive = new HashSet<>(NODES);
        alive.remove(victim);
        long held = cluster.count("SELECT count(*) FROM token_entry WHERE owner = ?", victim);
        AppNode killed = cluster.node(victim);
        killed.kill();
        Duration handOver = awaitEverySegmentOwnedBy(alive);
        System.out.println("[cluster] " + victim + " SIGKILLed holding " + held + " segments; all owned by "
                + alive + " " + handOver.toMillis() + " ms later");
        assertThat(handOver).isLessThan(HAND_OVER_BOUND);

        // nginx moves requests off the dead node: every write through it is accepted
        for (int i = 0; i < 12; i++) {
            Api.Response created = cluster.api().post("/api/schools/", "{\"name\": \"After Kill " + i
                    + "\", \"domain\": \"" + ClusterSupport.unique("after-kill") + ".edu\"}").token(admin).send();
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
        }
        long before = System.nanoTime();
        awaitProjections(cluster);
        assertAppliedOnce();
        System.out.println("[cluster] projections caught up " + (System.nanoTime() - before) / 1_000_000
                + " ms after the last write");
    }

    /** Each stored event indexed once by the audit group, each school registration audited once. */
    private void assertAppliedOnce() {
        assertThat(cluster.count("SELECT count(*) FROM audit_event_index"))
                .isEqualTo(cluster.count("SELECT count(*) FROM domain_event_entry"));
        assertThat(cluster.count("SELECT count(*) FROM audit_log_view WHERE action = 'SCHOOL_CREATED'"))
                .isEqualTo(cluster.count("SELECT count(DISTINCT event_id) FROM audit_log_view WHERE action = "
                        + "'SCHOOL_CREATED'"))
                .isEqualTo(cluster.count("SELECT count(*) FROM domain_event_entry WHERE payload_type = "
                        + "'org.fractionball.lms.events.schools.SchoolRegistered'"));
    }

    private Map<Integer, String> auditOwners() {
        Map<Integer, String> owners = new LinkedHashMap<>();
        for (Map<String, Object> row : cluster.rows(
                "SELECT segment, owner FROM token_entry WHERE processor_name = 'audit' ORDER BY segment")) {
            owners.put(((Number) row.get("segment")).intValue(), (String) row.get("owner"));
        }
        return owners;
    }

    private Duration awaitEverySegmentOwnedBy(Set<String> alive) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            boolean handedOver = cluster.rows("SELECT owner FROM token_entry").stream()
                    .allMatch(row -> alive.contains((String) row.get("owner")));
            if (handedOver) {
                return Duration.ofNanos(System.nanoTime() - start);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("segments still owned elsewhere: " + cluster.rows(
                "SELECT processor_name, segment, owner FROM token_entry ORDER BY 1, 2"));
    }
}
