package org.fractionball.lms.query.content;

import java.util.List;

/** {@code GET /api/approval/videos/approval_stats/} (§5.17), and the same for resources. */
public record ApprovalStatsResponse(StatusBreakdown statusBreakdown, RecentActivity recentActivity,
                                    List<Contributor> topContributors, String generatedAt) {

    /** Submissions, and approvals and rejections by review time, in the last 7 days. */
    public record RecentActivity(long recentSubmissions, long recentApprovals, long recentRejections) {
    }

    /** An owner of submitted items: full name, username, how many it submitted, its school's name. */
    public record Contributor(String name, String username, long submissionCount, String school) {
    }
}
