package org.fractionball.lms.projections;

import java.util.List;

/** Processing groups: each is one streaming event processor with its own token. */
public final class ProjectionNames {
    /** Schools and users: the accounts read model. */
    public static final String ACCOUNTS = "accounts";
    /** The audit log rows the dashboards list. */
    public static final String AUDIT = "audit";
    /** Videos and resources with their review state: the content read model. */
    public static final String CONTENT = "content";
    /** Playlists, their items and shares. */
    public static final String PLAYLISTS = "playlists";
    /** Curriculum activities (contract Appendix A.1). */
    public static final String ACTIVITIES = "activities";
    /** Courses and enrolments with their progress. */
    public static final String COURSES = "courses";
    /** View sessions, downloads and the per-day statistics the dashboards and reports read. */
    public static final String ANALYTICS = "analytics";
    /** Bulk import jobs and their progress. */
    public static final String IMPORTS = "imports";
    /** System configuration values and feature flags. */
    public static final String CONFIG = "config";

    /** Every processing group that keeps a read model, for tests and readiness checks. */
    public static final List<String> ALL = List.of(ACCOUNTS, AUDIT, CONTENT, PLAYLISTS, ACTIVITIES, COURSES,
            ANALYTICS, IMPORTS, CONFIG);

    private ProjectionNames() {
    }
}
