package org.fractionball.lms.events.shared;

import org.fractionball.lms.events.content.ContentKind;

import java.util.UUID;

/**
 * Aggregate identifiers in the event store. Schools and users keep the integer ids of the
 * contract; the event table's uniqueness is on (aggregate id, sequence), so integer ids are
 * prefixed with their type to keep school 7 and user 7 apart.
 */
public final class AggregateIds {
    public static final String SCHOOL = "school";
    public static final String USER = "user";
    public static final String UPLOAD = "upload";
    public static final String PLAYLIST = "playlist";
    public static final String ACTIVITY = "activity";
    public static final String COURSE = "course";
    public static final String ENROLMENT = "enrolment";
    public static final String IMPORT_JOB = "import";
    public static final String SYSTEM_CONFIG = "config";
    public static final String FEATURE_FLAG = "flag";
    public static final String VIEW_SESSION = "view";

    private AggregateIds() {
    }

    public static String school(long schoolId) {
        return SCHOOL + "-" + schoolId;
    }

    public static String user(long userId) {
        return USER + "-" + userId;
    }

    /** A video or resource: its UUID prefixed with its kind, so a resource id is not a video. */
    public static String content(ContentKind kind, UUID contentId) {
        return kind.category() + "-" + contentId;
    }

    public static String upload(UUID uploadId) {
        return UPLOAD + "-" + uploadId;
    }

    public static String playlist(UUID playlistId) {
        return PLAYLIST + "-" + playlistId;
    }

    public static String activity(UUID activityId) {
        return ACTIVITY + "-" + activityId;
    }

    public static String course(UUID courseId) {
        return COURSE + "-" + courseId;
    }

    public static String enrolment(UUID enrolmentId) {
        return ENROLMENT + "-" + enrolmentId;
    }

    public static String importJob(UUID jobId) {
        return IMPORT_JOB + "-" + jobId;
    }

    /** One user's viewing session of one video (contract §5.16). */
    public static String viewSession(UUID viewId) {
        return VIEW_SESSION + "-" + viewId;
    }

    /** A configuration value, identified by its key (e.g. {@code system.maintenance_mode}). */
    public static String systemConfig(String key) {
        return SYSTEM_CONFIG + "-" + key;
    }

    /** A feature flag, identified by its name (e.g. {@code bulk_upload_enabled}). */
    public static String featureFlag(String name) {
        return FEATURE_FLAG + "-" + name;
    }
}
