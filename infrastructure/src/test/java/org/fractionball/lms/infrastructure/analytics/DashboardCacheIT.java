package org.fractionball.lms.infrastructure.analytics;

import com.fasterxml.jackson.databind.JsonNode;
import org.fractionball.lms.events.shared.Role;
import org.fractionball.lms.infrastructure.support.Api;
import org.fractionball.lms.infrastructure.support.TestServices;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The teacher dashboard is served from Redis (a part shared by the school, a part per user) until
 * something it shows changes: a tracked view (the analytics version) or a new playlist (the library
 * version) shows on the caller's next request.
 * Owners of playlists and of viewed videos get their dashboard (D12).
 */
class DashboardCacheIT extends AnalyticsApiSupport {
    @Autowired
    private StringRedisTemplate redis;

    @Test
    void cachedUntilAViewOrAPlaylistChangesIt() {
        long school = school(unique("dashboard-cache") + ".edu");
        Account teacher = account(Role.TEACHER, school);
        Account admin = account(Role.SCHOOL_ADMIN, school);
        Item video = publishedVideo(teacher, admin, "Cached", "2", "number_line", now().minusSeconds(7_200));
        // first requests record sign-ins, which change the school's user figures (and so its versions)
        ok("/api/me/", teacher);
        ok("/api/me/", admin);
        awaitProjections();

        String keys = TestServices.get().redisKeyPrefix + "dashboard:" + school + ":*";
        JsonNode first = ok("/api/dashboard/", teacher);
        assertThat(first.get("popular_content").get(0).get("analytics").toString())
                .isEqualTo("{\"views_30d\":0,\"unique_viewers_30d\":0,\"avg_completion_rate\":0.0}");
        assertThat(redis.keys(keys)).as("the school's part and the teacher's").hasSize(2);
        JsonNode again = ok("/api/dashboard/", admin);
        assertThat(redis.keys(keys)).as("the school's part is shared").hasSize(3);
        assertThat(again.get("popular_content")).isEqualTo(first.get("popular_content"));
        ok("/api/dashboard/", teacher);
        assertThat(redis.keys(keys)).as("served from the cache").hasSize(3);

        Api.Response view = post("/api/analytics/view/", "{\"video_id\": \"" + video.id + "\", \"session_id\": \"c-1\", "
                + "\"duration_watched\": 42, \"completion_percentage\": 0.9}", admin);
        assertThat(view.status()).as(view.toString()).isEqualTo(200);
        awaitProjections();
        JsonNode viewed = ok("/api/dashboard/", teacher);
        assertThat(viewed.get("my_top_content").get(0).get("analytics").toString()).isEqualTo("{\"views_30d\":1,"
                + "\"unique_viewers_30d\":1,\"total_watch_time\":42,\"avg_completion_rate\":0.9}");
        assertThat(viewed.at("/analytics_summary/total_video_views").asLong()).isEqualTo(1);

        Api.Response created = api().post("/api/playlists/", "{\"name\": \"Mine\", \"is_public\": true}")
                .token(teacher.token()).send();
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        JsonNode withPlaylist = ok("/api/dashboard/", teacher);
        assertThat(withPlaylist.get("my_playlists").findValuesAsText("name")).containsExactly("Mine");
        assertThat(withPlaylist.at("/user_stats/my_playlists").asLong()).isEqualTo(1);
        assertThat(withPlaylist.at("/school_stats/total_playlists").asLong()).isEqualTo(1);
    }
}
