package org.fractionball.lms.projections;

/** Processing groups: each is one streaming event processor with its own token. */
public final class ProjectionNames {
    /** Schools and users: the accounts read model. */
    public static final String ACCOUNTS = "accounts";
    /** The audit log rows the dashboards list. */
    public static final String AUDIT = "audit";
    /** Videos and resources with their review state: the content read model. */
    public static final String CONTENT = "content";

    private ProjectionNames() {
    }
}
