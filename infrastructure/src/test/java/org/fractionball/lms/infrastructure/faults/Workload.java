package org.fractionball.lms.infrastructure.faults;

import org.fractionball.lms.events.shared.Role;
import org.fractionball.lms.infrastructure.support.Api;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Data for the drills, made through the HTTP API as users would make it. */
final class Workload {
    private Workload() {
    }

    /**
     * An admin's own school plus {@code schools} schools registered by the admin, each with a
     * school admin and two teachers; each teacher adds two videos (one published after review,
     * one draft edited) and a playlist. Returns the admin's token.
     */
    static String mixed(DrillNode node, int schools) {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String admin = node.user(Role.ADMIN, node.school("hq-" + run + ".edu"));
        node.awaitProjections(Duration.ofSeconds(30));
        Api api = node.api();
        for (int s = 1; s <= schools; s++) {
            Api.Response school = created(api.post("/api/schools/", "{\"name\": \"Drill School " + s
                    + "\", \"domain\": \"drill-" + s + "-" + run + ".edu\"}").token(admin).send());
            long schoolId = school.json().get("id").asLong();
            String reviewer = node.user(Role.SCHOOL_ADMIN, schoolId);
            List<String> teachers = List.of(node.user(Role.TEACHER, schoolId), node.user(Role.TEACHER, schoolId));
            // a token is accepted once the read side knows its user
            node.awaitProjections(Duration.ofSeconds(30));
            for (int t = 1; t <= 2; t++) {
                String teacher = teachers.get(t - 1);
                String published = video(api, teacher, "Halves " + s + "." + t);
                ok(api.post("/api/approval/videos/" + published + "/submit_for_review/", null).token(teacher).send());
                ok(api.post("/api/approval/videos/" + published + "/approve/", null).token(reviewer).send());
                String draft = video(api, teacher, "Thirds " + s + "." + t);
                ok(api.patch("/api/videos/" + draft + "/", "{\"title\": \"Thirds, edited " + s + "." + t + "\"}")
                        .token(teacher).send());
                created(api.post("/api/playlists/", "{\"name\": \"Warm-ups " + s + "." + t
                        + "\", \"description\": \"Drill\", \"is_public\": \"true\"}").token(teacher).send());
            }
        }
        return admin;
    }

    private static String video(Api api, String token, String title) {
        return created(api.post("/api/videos/", """
                {"title": "%s", "description": "Fractions on the court.", "grade": "4",
                 "topic": "number_line", "storage_uri": "https://example.org/drill.mp4"}""".formatted(title))
                .token(token).send()).json().get("id").asText();
    }

    private static Api.Response created(Api.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response;
    }

    private static void ok(Api.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
    }
}
