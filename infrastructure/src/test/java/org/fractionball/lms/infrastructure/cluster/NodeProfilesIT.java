package org.fractionball.lms.infrastructure.cluster;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fractionball.lms.infrastructure.cluster.ClusterSupport.awaitProjections;
import static org.fractionball.lms.infrastructure.cluster.ClusterSupport.school;
import static org.fractionball.lms.infrastructure.cluster.ClusterSupport.user;

/**
 * One node of each role behind ops/nginx/split: writes reach the command node, reads the query
 * node, only the projections node applies events, and content created through nginx shows in the
 * library read through nginx at once (read-your-writes across the split). A reset through nginx
 * (on the command node) moves the tokens only; the restarted projections node replays.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NodeProfilesIT {
    private Cluster cluster;
    private String admin;
    private String schoolAdmin;
    private String video;

    @BeforeAll
    void start() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Nginx.BINARY), "Debian's nginx is not installed: skipped");
        // the nodes are JVMs of their own: they verify tokens against the emulator, not the test's local keys
        Assumptions.assumeTrue(TestFirebase.EMULATOR, "no FIREBASE_AUTH_EMULATOR_HOST: skipped");
        cluster = Cluster.builder("node_profiles")
                .node("command", "command").node("query", "query").node("projections", "projections")
                .layout(Cluster.Layout.SPLIT)
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
    void eachRoleServesItsPartAndTheSystemWorksEndToEnd() throws Exception {
        assertThat(cluster.rows("SELECT DISTINCT owner FROM token_entry")).as("segments claimed")
                .containsExactly(Map.of("owner", "projections"));
        Api.Response write = cluster.node("query").api().post("/api/schools/", "{\"name\": \"Nowhere\", "
                + "\"domain\": \"nowhere.edu\"}").token(admin).send();
        assertThat(write.status()).isEqualTo(503);
        assertThat(write.text()).isEqualTo("{\"detail\":\"This node serves reads only (node roles: query).\"}");
        Api.Response read = cluster.node("projections").api().get("/api/schools/").token(admin).send();
        assertThat(read.status()).isEqualTo(503);
        assertThat(read.text())
                .isEqualTo("{\"detail\":\"This node serves no API requests (node roles: projections).\"}");
        assertThat(cluster.node("projections").api().get("/api/healthz/").send().status()).isEqualTo(200);
        assertThat(cluster.count("SELECT count(*) FROM domain_event_entry WHERE payload_type LIKE '%SchoolRegistered' "
                + "AND convert_from(payload, 'UTF8')::jsonb ->> 'domain' = 'nowhere.edu'")).isZero();

        Api api = cluster.api();
        long before = System.nanoTime();
        long school = school(api, admin, "Split School");
        Api.Response readBack = api.get("/api/schools/" + school + "/").token(admin).send();
        long schoolMillis = (System.nanoTime() - before) / 1_000_000;
        assertThat(readBack.status()).as(readBack.toString()).isEqualTo(200);
        assertThat(readBack.json().get("name").asText()).isEqualTo("Split School");
        schoolAdmin = cluster.token(user(cluster, admin, "SCHOOL_ADMIN", school));
        String teacher = cluster.token(user(cluster, admin, "TEACHER", school));

        Api.Response created = api.post("/api/videos/", """
                {"title": "Halves on the Court", "description": "Split the court in two.", "grade": "3",
                 "topic": "number_line", "storage_uri": "https://example.org/halves.mp4"}""").token(teacher).send();
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        video = created.json().get("id").asText();
        Api.Response submitted = api.post("/api/approval/videos/" + video + "/submit_for_review/", null)
                .token(teacher).send();
        assertThat(submitted.status()).as(submitted.toString()).isEqualTo(200);
        before = System.nanoTime();
        Api.Response approved = api.post("/api/approval/videos/" + video + "/approve/", null).token(schoolAdmin)
                .send();
        assertThat(approved.status()).as(approved.toString()).isEqualTo(200);
        JsonNode library = ok(api.get("/api/library/videos/").token(schoolAdmin).send());
        long libraryMillis = (System.nanoTime() - before) / 1_000_000;
        assertThat(ids(library)).containsExactly(video);
        assertThat(library.at("/results/0/status").asText()).isEqualTo("PUBLISHED");
        assertThat(library.at("/results/0/title").asText()).isEqualTo("Halves on the Court");
        System.out.println("[node-profiles] POST school + GET through nginx (command → query): " + schoolMillis
                + " ms; approve + library GET: " + libraryMillis + " ms");

        // nginx writes a request's log line after its answer has gone: wait for the last ones
        List<String> writes = new ArrayList<>();
        List<String> reads = new ArrayList<>();
        long logDeadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (true) {
            writes.clear();
            reads.clear();
            for (String line : cluster.nginx().accessLog().lines().toList()) {
                String upstream = line.substring(line.indexOf("upstream=") + "upstream=".length()).split(" ")[0];
                if (line.contains("\"GET /api/")) {
                    reads.add(upstream);
                } else if (line.contains("\"POST /api/")) {
                    writes.add(upstream);
                }
            }
            if (writes.size() >= 6 && reads.size() >= 2 || System.nanoTime() > logDeadline) {
                break;
            }
            Thread.sleep(50);
        }
        assertThat(writes).hasSize(6).containsOnly("127.0.0.1:" + cluster.node("command").port());
        assertThat(reads).hasSize(2).containsOnly("127.0.0.1:" + cluster.node("query").port());

        // warm nodes: a write on the command node read back from the query node, through nginx
        List<Long> roundTrips = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            long start = System.nanoTime();
            long another = school(api, admin, "Split Round " + i);
            Api.Response again = api.get("/api/schools/" + another + "/").token(admin).send();
            roundTrips.add((System.nanoTime() - start) / 1_000_000);
            assertThat(again.status()).as(again.toString()).isEqualTo(200);
        }
        System.out.println("[node-profiles] warm POST + GET round trips through nginx (ms): " + roundTrips);
    }

    @Test
    @Order(2)
    void aResetThroughNginxMovesTheTokensAndTheProjectionsNodeReplays() {
        AppNode projections = cluster.node("projections");
        // stopped normally, it releases its claims; the reset is refused while it holds them
        projections.stop();
        Api.Response reset = cluster.api().post("/api/ops/projections/content/reset/", null).token(admin).send();
        assertThat(reset.status()).as(reset.toString()).isEqualTo(202);
        // the command node moved the tokens and emptied the tables, but projects nothing itself: its
        // claims from the reset lapse after the claim timeout (10 s), less than a node start
        assertThat(cluster.rows("SELECT DISTINCT owner FROM token_entry WHERE processor_name = 'content'"))
                .containsExactly(Map.of("owner", "command"));
        assertThat(cluster.count("SELECT count(*) FROM content_view")).isZero();

        projections.launch();
        projections.awaitServing(Duration.ofMinutes(4));
        awaitProjections(cluster);
        assertThat(cluster.rows("SELECT DISTINCT owner FROM token_entry")).containsExactly(Map.of("owner",
                "projections"));
        JsonNode library = ok(cluster.api().get("/api/library/videos/").token(schoolAdmin).send());
        assertThat(ids(library)).containsExactly(video);
        assertThat(library.at("/results/0/status").asText()).isEqualTo("PUBLISHED");
    }

    private static JsonNode ok(Api.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    private static List<String> ids(JsonNode page) {
        return StreamSupport.stream(page.get("results").spliterator(), false).map(item -> item.get("id").asText())
                .toList();
    }
}
