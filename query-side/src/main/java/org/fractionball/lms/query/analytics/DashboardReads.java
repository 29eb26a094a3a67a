package org.fractionball.lms.query.analytics;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import org.fractionball.lms.query.courses.CourseInProgress;
import org.fractionball.lms.query.courses.FindCoursesInProgress;
import org.fractionball.lms.query.library.LibraryCache;
import org.fractionball.lms.query.playlists.FindPlaylists;
import org.fractionball.lms.query.playlists.PlaylistFilter;
import org.fractionball.lms.query.playlists.PlaylistResponse;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The teacher dashboard (§5.13) as JSON, in two parts cached in Redis (the library cache, so the same
 * breaker and Redis-down fallback): the school's part, computed once for everyone in the school, and
 * each user's own. The keys hold the school's library and analytics versions, which the content,
 * playlist and analytics projections raise on every change the dashboard shows, and the UTC day its
 * windows start from: a change is visible on the next request, outdated entries are never read again.
 * Key: {@code <lms.redis.key-prefix>dashboard:<school>:l<library version>:a<analytics version>:
 * <day>:school} and {@code …:u<user>}. Figures and versions are read in one snapshot, so a part never
 * mixes states.
 */
@Component
public class DashboardReads {
    private final QueryGateway queries;
    private final LibraryVersions libraryVersions;
    private final AnalyticsVersions analyticsVersions;
    private final LibraryCache cache;
    private final ObjectMapper json;
    private final TransactionTemplate snapshot;
    private final String keyPrefix;

    public DashboardReads(QueryGateway queries, LibraryVersions libraryVersions, AnalyticsVersions analyticsVersions,
                          LibraryCache cache, ObjectMapper json, PlatformTransactionManager transactions,
                          @Value("${lms.redis.key-prefix:lms:}") String keyPrefix) {
        this.queries = queries;
        this.libraryVersions = libraryVersions;
        this.analyticsVersions = analyticsVersions;
        this.cache = cache;
        this.json = json;
        this.snapshot = new TransactionTemplate(transactions);
        this.snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        this.snapshot.setReadOnly(true);
        this.keyPrefix = keyPrefix + "dashboard:";
    }

    /** The caller's dashboard as a JSON document: the school's part and the caller's own, in contract order. */
    public String teacherDashboard(Caller caller) {
        Instant now = Instant.now();
        JsonNode school = read(cached(caller, now, "school", () -> schoolPart(caller.schoolId(), now)));
        JsonNode own = read(cached(caller, now, "u" + caller.userId(), () -> userPart(caller, now)));
        ObjectNode dashboard = json.createObjectNode();
        for (String field : List.of("user_info", "recent_uploads", "my_playlists", "school_stats", "user_stats",
                "popular_content", "recent_school_content", "my_top_content", "recent_downloads", "analytics_summary",
                "quick_links")) {
            dashboard.set(field, school.has(field) ? school.get(field) : own.get(field));
        }
        // courses in progress: one indexed read of the caller's own enrolments, so never cached (it changes
        // with every progress report, which neither version in the keys follows)
        dashboard.set("enrolments", json.valueToTree(Map.of("in_progress", queries.query(
                new FindCoursesInProgress(caller.userId()), ResponseTypes.multipleInstancesOf(CourseInProgress.class))
                .join())));
        dashboard.put("generated_at", GeneratedAt.now());
        return dashboard.toString();
    }

    /**
     * The part under {@code <prefix><school>:l<library version>:a<analytics version>:<day>:<part>}: from the
     * cache, or computed in one snapshot with the versions it is stored under.
     */
    private String cached(Caller caller, Instant now, String part, Supplier<Map<String, Object>> compute) {
        long schoolId = caller.schoolId();
        if (cache.enabled()) {
            Optional<String> hit = cache.get(key(schoolId, now, libraryVersions.current(schoolId),
                    analyticsVersions.current(schoolId), part));
            if (hit.isPresent()) {
                return hit.get();
            }
        }
        return snapshot.execute(status -> {
            long library = libraryVersions.current(schoolId);
            long analytics = analyticsVersions.current(schoolId);
            String answer = write(compute.get());
            if (cache.enabled()) {
                cache.put(key(schoolId, now, library, analytics, part), answer);
            }
            return answer;
        });
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

    private JsonNode read(String part) {
        try {
            return json.readTree(part);
        } catch (JsonProcessingException unreadable) {
            throw new IllegalStateException("unreadable dashboard part", unreadable);
        }
    }

    private String write(Map<String, Object> dashboard) {
        try {
            return json.writeValueAsString(dashboard);
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
