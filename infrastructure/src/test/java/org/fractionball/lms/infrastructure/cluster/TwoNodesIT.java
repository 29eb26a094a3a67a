package org.fractionball.lms.infrastructure.cluster;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.fractionball.lms.events.shared.Role;
import org.fractionball.lms.infrastructure.axon.ProjectionPositions;
import org.fractionball.lms.infrastructure.bootstrap.Provisioner;
import org.fractionball.lms.infrastructure.support.Api;
import org.fractionball.lms.infrastructure.support.TestFirebase;
import org.fractionball.lms.infrastructure.support.TestServices;
import org.fractionball.lms.infrastructure.support.cluster.InProcessNode;
import org.fractionball.lms.infrastructure.web.RequestContext;
import org.fractionball.lms.projections.ProjectionNames;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two application nodes on one PostgreSQL database (of their own) and one Redis: commands are
 * accepted on both, read-your-writes holds when the write and the read reach different nodes,
 * concurrent edits of one aggregate from both nodes leave exactly one event per version,
 * throttling limits hold in total, and a processor's segments are claimed by one node each and
 * handed over when a node goes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoNodesIT {
    /** The library throttle of both nodes: low enough to exhaust, shared through Redis. */
    private static final int LIBRARY_PER_HOUR = 25;

    private final TestServices services = TestServices.get();
    private final String database = services.freshDatabase("two_nodes");
    private final String keyPrefix = services.redisKeyPrefix + "two-nodes:";
    private ConfigurableApplicationContext nodeA;
    private ConfigurableApplicationContext nodeB;
    private Api apiA;
    private Api apiB;
    private JdbcTemplate jdbc;

    @BeforeAll
    void startNodes() throws IOException {
        nodeA = node("node-a");
        nodeB = node("node-b");
        apiA = new Api(InProcessNode.port(nodeA));
        apiB = new Api(InProcessNode.port(nodeB));
        jdbc = nodeA.getBean(JdbcTemplate.class);
    }

    @AfterAll
    void stopNodes() {
        for (ConfigurableApplicationContext node : new ConfigurableApplicationContext[]{nodeB, nodeA}) {
            if (node != null && node.isActive()) {
                node.close();
            }
        }
    }

    @Test
    @Order(1)
    void aWriteOnOneNodeIsReadOnTheOther() {
        String admin = user(Role.ADMIN);
        for (int i = 0; i < 6; i++) {
            Api writer = i % 2 == 0 ? apiA : apiB;
            Api reader = i % 2 == 0 ? apiB : apiA;
            String domain = "two-nodes-" + i + "-" + UUID.randomUUID().toString().substring(0, 6) + ".edu";
            Api.Response created = writer.post("/api/schools/", "{\"name\": \"Node School " + i + "\", \"domain\": \""
                    + domain + "\"}").token(token(admin)).send();
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            long id = created.json().get("id").asLong();
            Api.Response read = reader.get("/api/schools/" + id + "/").token(token(admin)).send();
            assertThat(read.status()).as(read.toString()).isEqualTo(200);
            assertThat(read.json().get("domain").asText()).isEqualTo(domain);
        }
    }

    @Test
    @Order(2)
    void concurrentEditsFromBothNodesLeaveOneEventPerVersion() throws Exception {
        String admin = user(Role.ADMIN);
        long school = school(nodeA, "Contended School", "contended-" + UUID.randomUUID()
                .toString().substring(0, 6) + ".edu");
        awaitProjections();
        String token = token(admin);
        int writers = 12;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        List<Future<Api.Response>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < writers; i++) {
                Api api = i % 2 == 0 ? apiA : apiB;
                String body = "{\"name\": \"Contended School " + i + "\"}";
                answers.add(pool.submit(() -> {
                    start.await();
                    return api.patch("/api/schools/" + school + "/", body).token(token).send();
                }));
            }
            start.countDown();
            int accepted = 0;
            for (Future<Api.Response> answer : answers) {
                Api.Response response = answer.get();
                assertThat(response.status()).as(response.toString()).isIn(200, 409);
                accepted += response.status() == 200 ? 1 : 0;
            }
            assertThat(accepted).isPositive();
            List<Long> sequence = jdbc.queryForList("""
                    SELECT sequence_number FROM domain_event_entry WHERE aggregate_identifier = ?
                    ORDER BY sequence_number""", Long.class, "school-" + school);
            // the registration, then one event per accepted edit: versions 0..n without gaps
            assertThat(sequence).hasSize(1 + accepted);
            for (int i = 0; i < sequence.size(); i++) {
                assertThat(sequence.get(i)).isEqualTo(i);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    @Order(3)
    void throttlingLimitsHoldAcrossNodes() {
        long school = school(nodeA, "Throttled School", "throttled-" + UUID.randomUUID()
                .toString().substring(0, 6) + ".edu");
        String teacher = token(user(Role.TEACHER, school));
        int ok = 0;
        int throttled = 0;
        for (int i = 0; i < LIBRARY_PER_HOUR + 10; i++) {
            Api.Response response = (i % 2 == 0 ? apiA : apiB).get("/api/library/videos/").token(teacher).send();
            assertThat(response.status()).as(response.toString()).isIn(200, 429);
            ok += response.status() == 200 ? 1 : 0;
            throttled += response.status() == 429 ? 1 : 0;
        }
        assertThat(ok).isEqualTo(LIBRARY_PER_HOUR);
        assertThat(throttled).isEqualTo(10);
    }

    @Test
    @Order(4)
    void segmentsAreClaimedByOneNodeEachAndHandedOverWhenANodeGoes() throws Exception {
        TrackingEventProcessor auditOnA = processor(nodeA, ProjectionNames.AUDIT);
        // node A started first and claimed both segments; it lets one go and node B takes it
        awaitOwners(Map.of(0, "node-a", 1, "node-a"));
        auditOnA.releaseSegment(1, 60, TimeUnit.SECONDS);
        awaitOwners(Map.of(0, "node-a", 1, "node-b"));
        String admin = user(Role.ADMIN);
        for (int i = 0; i < 10; i++) {
            school(i % 2 == 0 ? nodeA : nodeB, "Segment School " + i, "segment-" + i + "-"
                    + UUID.randomUUID().toString().substring(0, 6) + ".edu");
        }
        awaitProjections();
        // both nodes' segments together projected every registration: one audit row each
        assertThat(jdbc.queryForObject("""
                SELECT count(*) FROM audit_log_view WHERE action = 'SCHOOL_CREATED'
                                                      AND metadata ->> 'domain' LIKE 'segment-%'""", Long.class))
                .isEqualTo(10);

        nodeB.close();
        auditOnA.releaseSegment(1, 0, TimeUnit.SECONDS);
        awaitOwners(Map.of(0, "node-a", 1, "node-a"));
        long school = school(nodeA, "After B", "after-b-" + UUID.randomUUID().toString()
                .substring(0, 6) + ".edu");
        awaitProjections();
        Api.Response read = apiA.get("/api/schools/" + school + "/").token(token(admin)).send();
        assertThat(read.status()).as(read.toString()).isEqualTo(200);
    }

    private ConfigurableApplicationContext node(String name) throws IOException {
        Map<String, String> own = new LinkedHashMap<>();
        own.put("lms.throttling.rates.library", LIBRARY_PER_HOUR + "/hour");
        // the audit group in two segments, one thread each per node, so the nodes can share it
        own.put("axon.eventhandling.processors.audit.initial-segment-count", "2");
        own.put("axon.eventhandling.processors.audit.thread-count", "2");
        own.put("axon.eventhandling.tokenstore.claim-timeout", "3s");
        return InProcessNode.start(name, services, database, keyPrefix, own);
    }

    private void awaitOwners(Map<Integer, String> expected) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        Map<Integer, String> owners = Map.of();
        while (System.nanoTime() < deadline) {
            owners = new LinkedHashMap<>();
            for (Map<String, Object> row : jdbc.queryForList(
                    "SELECT segment, owner FROM token_entry WHERE processor_name = ? ORDER BY segment",
                    ProjectionNames.AUDIT)) {
                owners.put(((Number) row.get("segment")).intValue(), (String) row.get("owner"));
            }
            if (owners.equals(expected)) {
                return;
            }
            Thread.sleep(200);
        }
        assertThat(owners).as("owners of the audit segments").isEqualTo(expected);
    }

    private void awaitProjections() {
        Long head = jdbc.queryForObject("SELECT coalesce(max(global_index), 0) FROM domain_event_entry", Long.class);
        List<String> running = ProjectionNames.ALL.stream().filter(name -> nodeA.getBean(
                EventProcessingConfiguration.class).eventProcessor(name).isPresent()).toList();
        assertThat(nodeA.getBean(ProjectionPositions.class).awaitPassed(running, head, Duration.ofSeconds(30)))
                .as("projections reach " + head).isTrue();
    }

    private static TrackingEventProcessor processor(ConfigurableApplicationContext node, String group) {
        return node.getBean(EventProcessingConfiguration.class).eventProcessor(group, TrackingEventProcessor.class)
                .orElseThrow();
    }

    private static long school(ConfigurableApplicationContext node, String name, String domain) {
        long[] id = new long[1];
        RequestContext.runAs("system:test", () -> id[0] = provisioner(node).ensureSchool(name, domain));
        return id[0];
    }

    private static Provisioner provisioner(ConfigurableApplicationContext node) {
        return node.getBean(Provisioner.class);
    }

    private String user(Role role) {
        long school = school(nodeA, "Home of " + role, role.name().toLowerCase() + "-"
                + UUID.randomUUID().toString().substring(0, 6) + ".edu");
        return user(role, school);
    }

    private String user(Role role, long school) {
        String uid = role.name().toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 8);
        RequestContext.runAs("system:test", () -> provisioner(nodeA).ensureUser(uid, uid, uid + "@example.edu",
                "Node", role.name(), role, school));
        awaitProjections();
        return uid;
    }

    private static String token(String uid) {
        return TestFirebase.idToken(uid);
    }


}
