package org.fractionball.lms.query.content;

import java.util.List;

/** {@code GET /api/approval/my-content-status/} (§5.17.8). */
public record MyContentStatusResponse(StatusBreakdown statusBreakdown, RecentActivity recentActivity,
                                      List<VideoResponse> pendingItems, List<RejectedVideoResponse> recentlyRejected,
                                      String generatedAt) {

    /** Own videos submitted, and own videos reviewed, in the last 7 days. */
    public record RecentActivity(long recentSubmissions, long recentReviews) {
    }
}
