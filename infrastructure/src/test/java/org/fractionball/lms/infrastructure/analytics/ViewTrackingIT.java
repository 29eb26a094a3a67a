package org.fractionball.lms.infrastructure.analytics;

import org.fractionball.lms.events.content.ContentCreated;
import org.fractionball.lms.events.content.ContentDetails;
import org.fractionball.lms.events.content.ContentKind;
import org.fractionball.lms.events.shared.Role;
import org.fractionball.lms.infrastructure.support.Api;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /api/analytics/view/} (contract §5.16, D23): heartbeats of a session update one view and
 * are audited once; every bad field is a 400 naming it and stores nothing; only videos the caller may
 * see are tracked.
 */
class ViewTrackingIT extends AnalyticsApiSupport {
    private static final String NOT_ACCESSIBLE = "{\"error\":\"Video not found or not accessible\"}";

    @Test
    void heartbeatsOfASessionUpdateOneViewAndAreAuditedOnce() {
        long school = school(unique("views") + ".edu");
        Account owner = account(Role.TEACHER, school);
        Account viewer = account(Role.TEACHER, school);
        Account admin = account(Role.SCHOOL_ADMIN, school);
        Item video = publishedVideo(owner, admin, "Sessions", "3", "number_line", now().minusSeconds(3_600));
        awaitProjections();
        long eventsBefore = events();

        String first = track(viewer, body(video, "\"session_id\": \"s-1\", \"duration_watched\": 10, "
                + "\"completion_percentage\": 0.1, \"referrer\": \"https://lms.example.edu/library\""));
        assertThat(track(viewer, body(video, "\"session_id\": \"s-1\", \"duration_watched\": 5, "
                + "\"completion_percentage\": \"0.4\""))).isEqualTo(first);
        assertThat(track(viewer, body(video, "\"session_id\": \"s-1\", \"duration_watched\": 30"))).isEqualTo(first);
        assertThat(track(viewer, body(video, "\"session_id\": \"s-1\", \"duration_watched\": 30, "
                + "\"completion_percentage\": 0.4"))).isEqualTo(first);
        awaitProjections();

        assertThat(events() - eventsBefore).as("started, raised to 0.4, raised to 30 s; the repeat stores nothing")
                .isEqualTo(3);
        assertThat(jdbc.queryForMap("""
                SELECT user_id, session_id, duration_watched, completion_percentage, referrer
                FROM video_view_session WHERE id = ?""", UUID.fromString(first))).isEqualTo(Map.of(
                "user_id", viewer.id(), "session_id", "s-1", "duration_watched", 30, "completion_percentage", 0.4,
                "referrer", "https://lms.example.edu/library"));
        assertThat(jdbc.queryForList("SELECT metadata::text FROM audit_log_view WHERE action = 'VIDEO_VIEWED' "
                + "AND metadata->>'video_id' = ?", String.class, video.id.toString())).containsExactly(
                "{\"video_id\": \"" + video.id + "\", \"session_id\": \"s-1\", \"video_title\": \"Sessions\", "
                        + "\"duration_watched\": 10, \"completion_percentage\": 0.1}");
        assertThat(jdbc.queryForMap("SELECT view_count, unique_viewers, total_watch_time, completion_count "
                + "FROM daily_asset_stats WHERE asset_id = ?", video.id)).isEqualTo(Map.of("view_count", 1L,
                "unique_viewers", 1L, "total_watch_time", 30L, "completion_count", 1L));

        String withoutSession = track(viewer, body(video, "\"duration_watched\": 1"));
        assertThat(track(viewer, body(video, "\"duration_watched\": 1"))).as("no session_id: a new view each call")
                .isNotEqualTo(withoutSession).isNotEqualTo(first);
    }

    @Test
    void badInputIsA400NamingTheFieldAndStoresNothing() {
        long school = school(unique("views-bad") + ".edu");
        Account owner = account(Role.TEACHER, school);
        Account admin = account(Role.SCHOOL_ADMIN, school);
        Item video = publishedVideo(owner, admin, "Refusals", "3", "number_line", now().minusSeconds(3_600));
        awaitProjections();
        long before = events();

        refused(owner, "{}", "{\"error\":\"video_id is required\"}");
        refused(owner, "{\"video_id\": null}", "{\"error\":\"video_id is required\"}");
        refused(owner, "[1]", "{\"non_field_errors\":[\"Invalid data. Expected a dictionary, but got list.\"]}");
        refused(owner, "{\"video_id\": \"not-a-uuid\"}", "{\"video_id\":[\"Must be a valid UUID.\"]}");
        refused(owner, "{\"video_id\": 12}", "{\"video_id\":[\"Must be a valid UUID.\"]}");
        refused(owner, body(video, "\"duration_watched\": -1"),
                "{\"duration_watched\":[\"Ensure this value is greater than or equal to 0.\"]}");
        refused(owner, body(video, "\"duration_watched\": \"long\""),
                "{\"duration_watched\":[\"A valid integer is required.\"]}");
        refused(owner, body(video, "\"completion_percentage\": 1.5"),
                "{\"completion_percentage\":[\"Ensure this value is less than or equal to 1.0.\"]}");
        refused(owner, body(video, "\"completion_percentage\": -0.1"),
                "{\"completion_percentage\":[\"Ensure this value is greater than or equal to 0.0.\"]}");
        refused(owner, body(video, "\"completion_percentage\": \"most\""),
                "{\"completion_percentage\":[\"A valid number is required.\"]}");
        refused(owner, body(video, "\"session_id\": \"" + "s".repeat(51) + "\""),
                "{\"session_id\":[\"Ensure this field has no more than 50 characters.\"]}");
        refused(owner, body(video, "\"referrer\": \"" + "r".repeat(201) + "\""),
                "{\"referrer\":[\"Ensure this field has no more than 200 characters.\"]}");
        refused(owner, body(video, "\"duration_watched\": -1, \"completion_percentage\": 2"),
                "{\"duration_watched\":[\"Ensure this value is greater than or equal to 0.\"],"
                        + "\"completion_percentage\":[\"Ensure this value is less than or equal to 1.0.\"]}");
        awaitProjections();
        assertThat(events()).isEqualTo(before);
    }

    @Test
    void onlyVideosTheCallerMaySeeAreTracked() {
        long school = school(unique("views-visible") + ".edu");
        long other = school(unique("views-other") + ".edu");
        Account owner = account(Role.TEACHER, school);
        Account colleague = account(Role.TEACHER, school);
        Account schoolAdmin = account(Role.SCHOOL_ADMIN, school);
        Account farAdmin = account(Role.ADMIN, other);
        Item draft = new Item(ContentKind.VIDEO, UUID.randomUUID(), owner.id(), school, "Draft");
        append(draft, new ContentCreated(draft.id, ContentKind.VIDEO, owner.id(), school, new ContentDetails("Draft",
                "Not yet.", "3", "number_line", List.of(), 60, 10L, "https://storage.example.edu/d.mp4", "", null),
                null), owner, Instant.now().minusSeconds(60));
        Item published = publishedVideo(owner, schoolAdmin, "Everyone", "3", "number_line",
                now().minusSeconds(3_600));
        awaitProjections();

        assertThat(post("/api/analytics/view/", body(draft, ""), colleague).text()).isEqualTo(NOT_ACCESSIBLE);
        assertThat(post("/api/analytics/view/", body(published, ""), farAdmin).text()).isEqualTo(NOT_ACCESSIBLE);
        assertThat(post("/api/analytics/view/", "{\"video_id\": \"" + UUID.randomUUID() + "\"}", owner).status())
                .isEqualTo(404);
        track(owner, body(draft, ""));
        track(schoolAdmin, body(draft, ""));
        track(colleague, body(published, ""));
        awaitProjections();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM video_view_session WHERE video_id IN (?, ?)", Long.class,
                draft.id, published.id)).isEqualTo(3);
    }

    private static String body(Item video, String more) {
        return "{\"video_id\": \"" + video.id + "\"" + (more.isEmpty() ? "" : ", " + more) + "}";
    }

    /** A tracked view: 200 with the contract's body; answers the view id. */
    private String track(Account caller, String body) {
        Api.Response response = post("/api/analytics/view/", body, caller);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.json().get("message").asText()).isEqualTo("View tracked successfully");
        return response.json().get("view_id").asText();
    }

    private void refused(Account caller, String body, String answer) {
        Api.Response response = post("/api/analytics/view/", body, caller);
        assertThat(response.status()).as(body + " → " + response).isEqualTo(400);
        assertThat(response.text()).as(body).isEqualTo(answer);
    }

    private long events() {
        Long count = jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE type = 'VideoViewSession'",
                Long.class);
        return count == null ? 0 : count;
    }
}
