package org.fractionball.lms.infrastructure.activities;

import org.fractionball.lms.events.shared.Role;
import org.fractionball.lms.infrastructure.support.Api;
import org.fractionball.lms.projections.ProjectionNames;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The activities read model is rebuilt from the event store to exactly the rows it had. */
class ActivityProjectionIT extends ActivityApiSupport {

    @Test
    void rebuildingTheActivitiesProjectionReproducesTheSameRows() {
        long school = school(unique("activity-rebuild") + ".edu");
        Account admin = account(Role.ADMIN, school);
        Account teacher = account(Role.TEACHER, school);
        UUID video = video(teacher, "Rebuilt clip", 30);
        UUID gone = video(teacher, "Deleted clip", 40);
        UUID sheet = resource(teacher, "Rebuilt sheet", "pdf");
        UUID goneSheet = resource(teacher, "Deleted sheet", "pdf");
        String kept = create(admin, activity(unique("Kept"), "2", 1, "video_asset", video, "teacher_resources",
                List.of(sheet, goneSheet), "key_terms", fields("z", "last letter", "a", "first letter"))).get("slug")
                .asText();
        succeeds(patch("/api/activities/" + kept + "/", fields("slug", unique("kept-renamed"), "materials",
                List.of("cones")), admin));
        String hidden = create(admin, activity(unique("Hidden"), "K", 2, "video_asset", gone, "student_resources",
                List.of(sheet), "is_published", false)).get("slug").asText();
        succeeds(post("/api/activities/" + hidden + "/publish/", null, admin));
        succeeds(post("/api/activities/" + hidden + "/unpublish/", null, admin));
        String deleted = create(admin, activity(unique("Deleted"), "8", 3)).get("slug").asText();
        succeeds(delete("/api/activities/" + deleted + "/", admin));
        succeeds(delete("/api/videos/" + gone + "/", teacher));
        succeeds(delete("/api/resources/" + goneSheet + "/", teacher));
        awaitProjections();
        String before = checksum();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM activity_view WHERE lower(slug) = lower(?)", Long.class,
                deleted)).isZero();

        replay(ProjectionNames.ACTIVITIES, () -> {
            assertThat(jdbc.queryForObject("SELECT count(*) FROM activity_view", Long.class)).isZero();
            assertThat(jdbc.queryForObject("SELECT count(*) FROM activity_resource_view", Long.class)).isZero();
        });
        assertThat(checksum()).isEqualTo(before);
    }

    private static void succeeds(Api.Response response) {
        assertThat(response.status()).as(response.toString()).isBetween(200, 204);
    }

    private String checksum() {
        return jdbc.queryForObject("""
                SELECT md5((SELECT coalesce(string_agg(a::text, '|' ORDER BY a.id), '') FROM activity_view a)
                           || '#' || (SELECT coalesce(string_agg(r::text, '|'
                                                      ORDER BY r.activity_id, r.audience, r.resource_id), '')
                                      FROM activity_resource_view r))""", String.class);
    }
}
