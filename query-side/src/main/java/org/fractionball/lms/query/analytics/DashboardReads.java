package org.fractionball.lms.query.analytics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.fractionball.lms.events.content.ContentKind;
import org.fractionball.lms.events.content.ContentStatus;
import org.fractionball.lms.events.shared.Caller;
import org.fractionball.lms.projections.analytics.AnalyticsVersions;
import org.fractionball.lms.projections.content.ContentView;
import org.fractionball.lms.projections.library.LibraryVersions;
import org.fractionball.lms.projections.playlists.PlaylistView;
import org.fractionball.lms.query.admin.GeneratedAt;
import org.fractionball.lms.query.content.ContentFilter;
import org.fractionball.lms.query.content.FindContentItem;
import org.fractionball.lms.query.content.FindContentItems;
import org.fractionball.lms.query.content.VideoResponse;
import org.fractionball.lms.query.courses.CourseQueries;
import org.fractionball.lms.query.courses.FindCourseEnrolmentStats;
import org.fractionball.lms.query.courses.FindCoursesInProgress;
import org.fractionball.lms.query.library.LibraryCache;
import org.fractionball.lms.query.playlists.FindPlaylists;
import org.fractionball.lms.query.playlists.PlaylistFilter;
import org.fractionball.lms.query.playlists.PlaylistResponse;
import org.fractionball.lms.query.web.VersionedAnswers;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The teacher dashboard (§5.13) as JSON, in two parts cached in Redis (the library cache, so the same
 * breaker and Redis-down fallback): the school's part, computed once for everyone in the school, and
 * each user's own. The keys hold the school's library and analytics versions, which the content,
 * playlist and analytics projections raise on every change the dashboard shows, and the UTC day its
 * windows start from: a change is visible on the next request, outdated entries are never read again.
 * Key: {@code <lms.redis.key-prefix>dashboard:<school>:l<library version>:a<analytics version>:
 * <day>:school} and {@code …:u<user>}. Figures and versions are read in one snapshot, so a part never
 * mixes states. Like the library's answers, parts this node has read or computed are also kept in
 * the JVM under the same keys (never outdated, so never invalidated), and concurrent misses of one
 * key wait for the first one's computation instead of each holding a pooled connection for it.
 */
@Component
public class DashboardReads {
    private final QueryGateway queries;
    // read directly, not through the query bus, which would wrap each of these per-request reads in a transaction
    private final CourseQueries courses;
    private final LibraryVersions libraryVersions;
    private final AnalyticsVersions analyticsVersions;
    private final ObjectMapper json;
    private final TransactionTemplate snapshot;
    private final String keyPrefix;
    private final VersionedAnswers<JsonNode> answers;

    public DashboardReads(QueryGateway queries, CourseQueries courses,
                          LibraryVersions libraryVersions, AnalyticsVersions analyticsVersions,
                          LibraryCache cache, ObjectMapper json, PlatformTransactionManager transactions,
                          @Value("${lms.redis.key-prefix:lms:}") String keyPrefix,
                          @Value("${lms.dashboard.near-cache-megabytes:32}") long nearCacheMegabytes,
                          MeterRegistry meters) {
        this.queries = queries;
        this.courses = courses;
        this.libraryVersions = libraryVersions;
        this.analyticsVersions = analyticsVersions;
        this.json = json;
        this.snapshot = VersionedAnswers.snapshot(transactions);
        this.keyPrefix = keyPrefix + "dashboard:";
        this.answers = new VersionedAnswers<>(cache, nearCacheMegabytes, meters);
    }

    /** The caller's dashboard as a JSON document: the school's part and the caller's own, in contract order. */
    public String teacherDashboard(Caller caller) {
        Instant now = Instant.now();
        long[] versions = answers.enabled() ? versions(caller.schoolId()) : null;
        JsonNode school = cached(caller, now, versions, "school", () -> schoolPart(caller.schoolId(), now));
        JsonNode own = cached(caller, now, versions, "u" + caller.userId(), () -> userPart(caller, now));
        ObjectNode dashboard = json.createObjectNode();
        for (String field : List.of("user_info", "recent_uploads", "my_playlists", "school_stats", "user_stats",
                "popular_content", "recent_school_content", "my_top_content", "recent_downloads", "analytics_summary",
                "quick_links", "daily_activity")) {
            dashboard.set(field, school.has(field) ? school.get(field) : own.get(field));
        }
        // courses in progress: one indexed read of the caller's own enrolments, so never cached (it changes
        // with every progress report, which neither version in the keys follows)
        Map<String, Object> enrolments = new LinkedHashMap<>();
        enrolments.put("in_progress", courses.handle(new FindCoursesInProgress(caller.userId())));
        if (caller.isSchoolAdminOrAbove()) {
            // what school admins manage: every course open to their school, by its users' enrolment status
            enrolments.put("by_course", courses.handle(new FindCourseEnrolmentStats(caller.schoolId())));
        }
        dashboard.set("enrolments", json.valueToTree(enrolments));
        dashboard.put("generated_at", GeneratedAt.now());
        return dashboard.toString();
    }

    /**
     * The part under {@code <prefix><school>:l<library version>:a<analytics version>:<day>:<part>}: from this
     * node, from the cache, or computed in one snapshot with the versions it is stored under. The nodes
     * returned are shared by every request: they are read, never changed.
     */
    private JsonNode cached(Caller caller, Instant now, long[] versions, String part,
                            Supplier<Map<String, Object>> compute) {
        long schoolId = caller.schoolId();
        if (!answers.enabled()) {
            return snapshot.execute(status -> json.valueToTree(compute.get()));
        }
        return answers.get(key(schoolId, now, versions[0], versions[1], part), entry -> VersionedAnswers.tree(json, entry),
                () -> snapshot.execute(status -> {
                    long library = libraryVersions.current(schoolId);
                    long analytics = analyticsVersions.current(schoolId);
                    JsonNode computed = json.valueToTree(compute.get());
                    return new VersionedAnswers.Computed<>(key(schoolId, now, library, analytics, part), computed,
                            computed.toString());
                }));
    }

    /** The school's library and analytics versions as this node knows them, for both parts' keys. */
    private long[] versions(long schoolId) {
        return new long[]{libraryVersions.known(schoolId), analyticsVersions.known(schoolId)};
    }

    private Map<String, Object> schoolPart(long schoolId, Instant now) {
        SchoolDashboardFigures figures = queries.query(new FindSchoolDashboard(schoolId, now),
                SchoolDashboardFigures.class).join();
        Map<String, Object> part = new LinkedHashMap<>();
        part.put("school_stats", figures.schoolStats());
        List<VideoAnalytics> popular = figures.popular().isEmpty()
                ? figures.popularByPlaylists().stream().map(id -> new VideoAnalytics(id, 0, 0, 0, 0.0)).toList()
                : figures.popular();
        part.put("popular_content", withAnalytics(popular, false));
        part.put("recent_school_content", videos(new ContentFilter(ContentKind.VIDEO, schoolId, null, null, null,
                null, ContentStatus.PUBLISHED, false, null, null, List.of("-created_at")), 5));
        part.put("recent_downloads", figures.recentDownloads());
        part.put("analytics_summary", figures.analyticsSummary());
        part.put("daily_activity", figures.dailyActivity());
        return part;
    }

    private Map<String, Object> userPart(Caller caller, Instant now) {
        UserDashboardFigures figures = queries.query(new FindUserDashboard(caller.userId(), caller.schoolId(), now),
                UserDashboardFigures.class).join();
        Map<String, Object> part = new LinkedHashMap<>();
        part.put("user_info", figures.userInfo());
        part.put("recent_uploads", videos(new ContentFilter(ContentKind.VIDEO, null, null, caller.userId(), null,
                null, null, false, null, null, List.of("-created_at")), 5));
        part.put("my_playlists", queries.query(new FindPlaylists(new PlaylistFilter(caller.schoolId(), null, null,
                caller.userId(), null, List.of("-updated_at")), 0, 5),
                ResponseTypes.multipleInstancesOf(PlaylistView.class)).join().stream()
                .map(PlaylistResponse::of).toList());
        part.put("user_stats", figures.userStats());
        part.put("my_top_content", withAnalytics(figures.myTop(), true));
        part.put("quick_links", figures.quickLinks());
        return part;
    }

    private List<VideoResponse> videos(ContentFilter filter, int limit) {
        return queries.query(new FindContentItems(filter, 0, limit),
                ResponseTypes.multipleInstancesOf(ContentView.class)).join().stream().map(VideoResponse::of).toList();
    }

    /** Each video's §3.5 fields followed by its {@code analytics} block. */
    private List<Map<String, Object>> withAnalytics(List<VideoAnalytics> figures, boolean withWatchTime) {
        return figures.stream().flatMap(video -> queries.query(new FindContentItem(ContentKind.VIDEO,
                video.videoId()), ResponseTypes.optionalInstanceOf(ContentView.class)).join().stream().map(view -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> shown = json.convertValue(VideoResponse.of(view), LinkedHashMap.class);
            Map<String, Object> analytics = new LinkedHashMap<>();
            analytics.put("views_30d", video.views());
            analytics.put("unique_viewers_30d", video.uniqueViewers());
            if (withWatchTime) {
                analytics.put("total_watch_time", video.watchTime());
            }
            analytics.put("avg_completion_rate", video.avgCompletionRate());
            shown.put("analytics", analytics);
            return shown;
        })).toList();
    }

    private String key(long schoolId, Instant now, long library, long analytics, String part) {
        return keyPrefix + schoolId + ":l" + library + ":a" + analytics + ":" + LocalDate.ofInstant(now, ZoneOffset.UTC)
                + ":" + part;
    }
}
