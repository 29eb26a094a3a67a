package org.fractionball.lms.projections;

import java.util.List;
import java.util.Map;

/**
 * The read tables each processing group owns (a blue/green rebuild builds copies of exactly these)
 * and the version counters its cached answers are keyed by. The counters are shared, never copied:
 * they must only ever rise, so a rebuild raises them once more when its tables go live.
 * A table a group writes must be listed here: a rebuild resolves unlisted tables to the live ones
 * and would write into them.
 */
public final class ProjectionTables {
    private static final Map<String, List<String>> OWNED = Map.of(
            ProjectionNames.ACCOUNTS, List.of("school_view", "user_view"),
            ProjectionNames.AUDIT, List.of("audit_log_view", "audit_event_index"),
            ProjectionNames.CONTENT, List.of("content_view", "content_history", "library_member", "library_school"),
            ProjectionNames.PLAYLISTS, List.of("playlist_view", "playlist_item_view", "playlist_share_view",
                    "playlist_deleted_video"),
            ProjectionNames.ACTIVITIES, List.of("activity_view", "activity_resource_view"),
            ProjectionNames.COURSES, List.of("course_view", "course_item_view", "enrolment_view",
                    "enrolment_item_view"),
            ProjectionNames.ANALYTICS, List.of("video_view_session", "resource_download_record", "daily_asset_stats",
                    "daily_asset_viewer", "daily_school_stats", "analytics_asset", "content_counter",
                    "analytics_playlist", "playlist_counter", "analytics_user", "user_counter"),
            ProjectionNames.IMPORTS, List.of("import_job_view"),
            ProjectionNames.CONFIG, List.of("system_config_view", "config_change_view", "feature_flag_view"));

    private static final Map<String, List<String>> VERSION_COUNTERS = Map.of(
            ProjectionNames.CONTENT, List.of("library_version"),
            ProjectionNames.PLAYLISTS, List.of("library_version"),
            ProjectionNames.ANALYTICS, List.of("analytics_version", "user_counter_version"),
            ProjectionNames.CONFIG, List.of("config_version"));

    /**
     * Indexes a blue/green rebuild creates only once it has caught up: each serves queries alone,
     * never a handler's write, and building one over the finished table costs a fraction of keeping
     * it up to date row by row through a replay (docs/benchmarks.md, "Indexes built after the
     * replay"). An index missing here is kept all along, the safe default for a new one.
     */
    private static final Map<String, List<String>> DEFERRED_INDEXES = Map.of(
            // kept: content_view_owner (a user's rename and removal), content_history_open (closing a version)
            ProjectionNames.CONTENT, List.of("content_view_search", "content_view_library",
                    "content_view_library_grade", "content_view_library_topic", "content_view_library_duration",
                    "content_view_school", "content_view_school_review", "content_view_review",
                    "content_view_unpublished_owner", "content_history_school", "library_member_school"),
            ProjectionNames.AUDIT, List.of("audit_event_index_actor_id", "audit_event_index_actor_uid",
                    "audit_event_index_school", "audit_event_index_aggregate", "audit_event_index_aggregate_type",
                    "audit_event_index_event_type", "audit_event_index_created", "audit_event_index_action",
                    "audit_log_view_created"));

    private ProjectionTables() {
    }

    /** The tables the group's handlers write, empty for a group that keeps none (not rebuildable). */
    public static List<String> ownedBy(String group) {
        return OWNED.getOrDefault(group, List.of());
    }

    /** The group's indexes that a rebuild builds after its replay, by name. */
    public static List<String> deferredIndexesOf(String group) {
        return DEFERRED_INDEXES.getOrDefault(group, List.of());
    }

    /** The version tables (column {@code version}) whose values key the group's cached answers. */
    public static List<String> versionCountersOf(String group) {
        return VERSION_COUNTERS.getOrDefault(group, List.of());
    }
}
