package org.fractionball.lms.infrastructure.cluster;

import org.fractionball.lms.infrastructure.support.Api;
import org.fractionball.lms.infrastructure.support.cluster.Cluster;

import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Schools and users of a {@link Cluster}, made through its API as an operator would. */
final class ClusterSupport {
    private ClusterSupport() {
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static long school(Api api, String adminToken, String name) {
        Api.Response created = api.post("/api/schools/", "{\"name\": \"" + name + "\", \"domain\": \""
                + unique(name.toLowerCase().replace(' ', '-')) + ".edu\"}").token(adminToken).send();
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().get("id").asLong();
    }

    /** A user of the role, provisioned and readable by authentication; answers its uid. */
    static String user(Cluster cluster, String adminToken, String role, long school) {
        String username = unique(role.toLowerCase());
        Api.Response created = cluster.api().post("/api/admin/users/", "{\"username\": \"" + username
                + "\", \"firebase_uid\": \"" + username + "-uid\", \"school\": " + school + ", \"role\": \"" + role
                + "\"}").token(adminToken).send();
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        awaitProjections(cluster);
        return username + "-uid";
    }

    static void awaitProjections(Cluster cluster) {
        boolean caughtUp = cluster.awaitProjections(Duration.ofSeconds(60));
        assertThat(caughtUp).as(() -> "projections reach the head " + cluster.count("SELECT max(global_index) FROM "
                + "domain_event_entry") + ": " + cluster.rows("SELECT processor_name, segment, owner, "
                + "convert_from(token, 'UTF8') AS token FROM token_entry ORDER BY 1, 2")).isTrue();
    }
}
