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
}
