package org.fractionball.lms.events.shared;

/**
 * Aggregate identifiers in the event store. Schools and users keep the integer ids of the
 * contract; the event table's uniqueness is on (aggregate id, sequence), so integer ids are
 * prefixed with their type to keep school 7 and user 7 apart.
 */
public final class AggregateIds {
    public static final String SCHOOL = "school";
    public static final String USER = "user";

    private AggregateIds() {
    }

    public static String school(long schoolId) {
        return SCHOOL + "-" + schoolId;
    }

    public static String user(long userId) {
        return USER + "-" + userId;
    }
}
