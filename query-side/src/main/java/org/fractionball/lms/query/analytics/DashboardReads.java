package org.fractionball.lms.query.analytics;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import org.fractionball.lms.query.courses.KeptEnrolmentFigures;
import org.fractionball.lms.query.library.LibraryCache;
import org.fractionball.lms.query.playlists.FindPlaylists;
import org.fractionball.lms.query.playlists.PlaylistFilter;
import org.fractionball.lms.query.playlists.PlaylistResponse;
import org.fractionball.lms.query.web.PreparedJson;
import org.fractionball.lms.query.web.VersionedAnswers;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collections;
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
 * mixes states. Like the library's answers, parts this node has read or computed are also kept in
 * the JVM under the same keys (never outdated, so never invalidated), and concurrent misses of one
 * key wait for the first one's computation instead of each holding a pooled connection for it.
 */
@Component
public class DashboardReads {
    private static final List<String> FIELDS = List.of("user_info", "recent_uploads", "my_playlists", "school_stats",
            "user_stats", "popular_content", "recent_school_content", "my_top_content", "recent_downloads",
            "analytics_summary", "quick_links", "daily_activity");
    private static final TypeReference<LinkedHashMap<String, PreparedJson>> PART = new TypeReference<>() {
    };

    private final QueryGateway queries;
    private final LibraryVersions libraryVersions;
    private final AnalyticsVersions analyticsVersions;
    private final ObjectMapper json;
    private final TransactionTemplate snapshot;
    private final String keyPrefix;
    private final KeptEnrolmentFigures enrolmentFigures;
    private final VersionedAnswers<Map<String, PreparedJson>> answers;

    public DashboardReads(QueryGateway queries, KeptEnrolmentFigures enrolmentFigures,
                          LibraryVersions libraryVersions, AnalyticsVersions analyticsVersions,
                          LibraryCache cache, ObjectMapper json, PlatformTransactionManager transactions,
                          @Value("${lms.redis.key-prefix:lms:}") String keyPrefix,
                          @Value("${lms.dashboard.near-cache-megabytes:32}") long nearCacheMegabytes,
                          MeterRegistry meters) {
        this.queries = queries;
        this.enrolmentFigures = enrolmentFigures;
        this.libraryVersions = libraryVersions;
        this.analyticsVersions = analyticsVersions;
        this.json = json;
        this.snapshot = VersionedAnswers.snapshot(transactions);
        this.keyPrefix = keyPrefix + "dashboard:";
        this.answers = new VersionedAnswers<>(cache, nearCacheMegabytes, meters);
    }

    /**
     * The caller's dashboard, in contract order: the school's part and the caller's own, each field
     * copied in as the JSON it was kept as, not written again.
     */
    public Map<String, Object> teacherDashboard(Caller caller) {
        Instant now = Instant.now();
        long[] versions = answers.enabled() ? versions(caller.schoolId()) : null;
        Map<String, PreparedJson> school = cached(caller, now, versions, "school", () -> schoolPart(caller.schoolId(), now));
        Map<String, PreparedJson> own = cached(caller, now, versions, "u" + caller.userId(), () -> userPart(caller, now));
        Map<String, Object> dashboard = new LinkedHashMap<>();
        for (String field : FIELDS) {
            dashboard.put(field, school.containsKey(field) ? school.get(field) : own.get(field));
        }
        // courses in progress change with every progress report, which neither version in the keys
        // follows: kept apart, forgotten on any change of the courses' tables
        Map<String, Object> enrolments = new LinkedHashMap<>();
        enrolments.put("in_progress", enrolmentFigures.coursesInProgress(caller.userId()));
        if (caller.isSchoolAdminOrAbove()) {
            // what school admins manage: every course open to their school, by its users' enrolment status
            enrolments.put("by_course", enrolmentFigures.enrolmentsByCourse(caller.schoolId()));
        }
        dashboard.put("enrolments", enrolments);
        dashboard.put("generated_at", GeneratedAt.now());
        return dashboard;
    }

    /**
     * The part under {@code <prefix><school>:l<library version>:a<analytics version>:<day>:<part>}: from this
     * node, from the cache, or computed in one snapshot with the versions it is stored under. The parts
     * returned are shared by every request: they are read, never changed.
     */
    private Map<String, PreparedJson> cached(Caller caller, Instant now, long[] versions, String part,
                                             Supplier<Map<String, Object>> compute) {
        long schoolId = caller.schoolId();
        if (!answers.enabled()) {
            return snapshot.execute(status -> fields(write(compute.get())).orElseThrow());
        }
        return answers.get(key(schoolId, now, versions[0], versions[1], part), this::fields,
                () -> snapshot.execute(status -> {
                    long library = libraryVersions.current(schoolId);
                    long analytics = analyticsVersions.current(schoolId);
                    String computed = write(compute.get());
                    return new VersionedAnswers.Computed<>(key(schoolId, now, library, analytics, part),
                            fields(computed).orElseThrow(), computed);
                }));
    }

    /** A part's fields as their JSON, or empty for an entry another release wrote that this one cannot read. */
    private Optional<Map<String, PreparedJson>> fields(String part) {
        try {
            return Optional.of(Collections.unmodifiableMap(json.readValue(part, PART)));
        } catch (JsonProcessingException unreadable) {
            return Optional.empty();
        }
    }

    private String write(Map<String, Object> part) {
        try {
            return json.writeValueAsString(part);
        } catch (JsonProcessingException unwritable) {
            throw new IllegalStateException("A dashboard part could not be written as JSON", unwritable);
        }
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
