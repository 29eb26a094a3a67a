package org.fractionball.lms.infrastructure.activities;

import com.fasterxml.jackson.databind.JsonNode;
import org.fractionball.lms.events.shared.AggregateIds;
import org.fractionball.lms.events.shared.Role;
import org.fractionball.lms.infrastructure.support.Api;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Activities link real videos and resources made through {@code /api/videos/} and
 * {@code /api/resources/}: only live ones may be named, the answers show them, and deleting one
 * removes its link (the original's "set null on delete"), on the read side at once and in the
 * activity's own history at its next edit.
 */
class ActivityLinksIT extends ActivityApiSupport {
    // one set of accounts for the class (the application and its database live as long as the run)
    private static Account admin;
    private static Account teacher;
    private static Account reader;

    @BeforeEach
    void accounts() {
        if (admin != null) {
            return;
        }
        long school = school(unique("activity-links") + ".edu");
        admin = account(Role.ADMIN, school(unique("activity-admins") + ".edu"));
        teacher = account(Role.TEACHER, school);
        reader = account(Role.TEACHER, school(unique("activity-readers") + ".edu"));
    }

    @Test
    void linkedVideosAndResourcesAreShownWithTheirTitles() {
        UUID video = video(teacher, "Relay walkthrough", 125);
        UUID guide = resource(teacher, "Teacher guide", "pdf");
        UUID card = resource(teacher, "Score card", "docx");
        // no wait for the read side: the command side checks the links against the content's aggregates
        JsonNode created = create(admin, activity(unique("Linked"), "4", 1, "video_asset", video.toString().toUpperCase(),
                "teacher_resources", List.of(guide, card), "student_resources", List.of(card.toString().replace("-", ""))));
        String expectedVideo = "{\"id\":\"" + video + "\",\"title\":\"Relay walkthrough\",\"duration_formatted\":\"02:05\"}";
        assertThat(created.get("video_asset").asText()).isEqualTo(video.toString());
        assertThat(created.get("video").toString()).isEqualTo(expectedVideo);
        assertThat(created.get("teacher_resources").toString()).isEqualTo("[{\"id\":\"" + guide + "\",\"title\":"
                + "\"Teacher guide\",\"file_type\":\"pdf\"},{\"id\":\"" + card + "\",\"title\":\"Score card\","
                + "\"file_type\":\"docx\"}]");
        assertThat(created.get("student_resources").toString()).isEqualTo("[{\"id\":\"" + card + "\",\"title\":"
                + "\"Score card\",\"file_type\":\"docx\"}]");
        awaitProjections();
        // a teacher of another school reads the same activity, links included
        assertThat(ok("/api/activities/" + created.get("slug").asText() + "/", reader)).isEqualTo(created);
    }

    @Test
    void onlyLiveContentOfTheRightKindMayBeNamed() {
        UUID video = video(teacher, "Clip", 60);
        UUID sheet = resource(teacher, "Sheet", "pdf");
        UUID unknown = UUID.randomUUID();
        Api.Response refused = post("/api/activities/", activity(unique("Broken links"), "2", 1,
                "video_asset", sheet, "teacher_resources", List.of(sheet, unknown), "student_resources", List.of(video)),
                admin);
        assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
        assertThat(refused.text()).isEqualTo("{\"video_asset\":[\"Invalid pk \\\"" + sheet + "\\\" - object does not "
                + "exist.\"],\"teacher_resources\":[\"Invalid pk \\\"" + unknown + "\\\" - object does not exist.\"],"
                + "\"student_resources\":[\"Invalid pk \\\"" + video + "\\\" - object does not exist.\"]}");

        assertThat(delete("/api/videos/" + video + "/", teacher).status()).isEqualTo(204);
        Api.Response deleted = post("/api/activities/", activity(unique("Deleted link"), "2", 1, "video_asset", video),
                admin);
        assertThat(deleted.status()).as(deleted.toString()).isEqualTo(400);
        assertThat(deleted.json().get("video_asset").get(0).asText()).contains(video.toString());
    }

    @Test
    void deletingLinkedContentRemovesTheLink() {
        UUID video = video(teacher, "Soon gone", 90);
        UUID guide = resource(teacher, "Guide, soon gone", "pdf");
        UUID card = resource(teacher, "Card", "txt");
        String slug = create(admin, activity(unique("Cascade"), "3", 1, "video_asset", video,
                "teacher_resources", List.of(guide, card), "student_resources", List.of(guide))).get("slug").asText();
        UUID activityId = UUID.fromString(ok("/api/activities/" + slug + "/", admin).get("id").asText());

        assertThat(delete("/api/videos/" + video + "/", teacher).status()).isEqualTo(204);
        assertThat(delete("/api/resources/" + guide + "/", teacher).status()).isEqualTo(204);
        awaitProjections();
        JsonNode read = ok("/api/activities/" + slug + "/", reader);
        assertThat(read.get("video_asset").isNull()).isTrue();
        assertThat(read.get("video").isNull()).isTrue();
        assertThat(read.get("teacher_resources").toString()).isEqualTo("[{\"id\":\"" + card + "\",\"title\":\"Card\","
                + "\"file_type\":\"txt\"}]");
        assertThat(read.get("student_resources").toString()).isEqualTo("[]");
        // the projection itself dropped the links, not only the join
        assertThat(jdbc.queryForObject("SELECT video_id FROM activity_view WHERE id = ?", UUID.class, activityId))
                .isNull();
        assertThat(jdbc.queryForList("SELECT resource_id FROM activity_resource_view WHERE activity_id = ?",
                UUID.class, activityId)).containsExactly(card);

        // the next edit drops them from the activity's own state, and says so
        Api.Response edited = patch("/api/activities/" + slug + "/", fields("order", 4), admin);
        assertThat(edited.status()).as(edited.toString()).isEqualTo(200);
        assertThat(edited.json().get("video_asset").isNull()).isTrue();
        assertThat(edited.json().get("teacher_resources")).isEqualTo(read.get("teacher_resources"));
        JsonNode changed = json(jdbc.queryForObject("SELECT convert_from(payload, 'UTF8') FROM domain_event_entry "
                + "WHERE aggregate_identifier = ? ORDER BY sequence_number DESC LIMIT 1", String.class,
                AggregateIds.activity(activityId)));
        assertThat(changed.get("changedFields").toString())
                .isEqualTo("[\"video_asset\",\"teacher_resources\",\"student_resources\",\"order\"]");
        assertThat(changed.at("/details/videoAsset").isNull()).isTrue();

        Api.Response renamed = patch("/api/activities/" + slug + "/", fields("video_asset", video), admin);
        assertThat(renamed.status()).isEqualTo(400);
        assertThat(renamed.json().has("video_asset")).isTrue();
    }

    @Test
    void contentThatLeftTheReadSideWithItsOwnerIsNoLongerShown() {
        Account leaving = account(Role.TEACHER, teacher.school());
        UUID sheet = resource(leaving, "Leaving sheet", "pdf");
        UUID kept = resource(teacher, "Kept sheet", "pdf");
        String slug = create(admin, activity(unique("Owner leaves"), "1", 1, "teacher_resources", List.of(sheet, kept)))
                .get("slug").asText();
        Account schoolAdmin = account(Role.SCHOOL_ADMIN, teacher.school());
        assertThat(delete("/api/users/" + leaving.id() + "/", schoolAdmin).status()).isEqualTo(204);
        awaitProjections();
        JsonNode read = ok("/api/activities/" + slug + "/", reader);
        assertThat(read.get("teacher_resources").findValuesAsText("id")).containsExactly(kept.toString());
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException invalid) {
            throw new IllegalStateException(invalid);
        }
    }
}
