package org.fractionball.lms.query.content;

/** Items per review status (the {@code status_breakdown} of §5.17 and §5.17.8). */
public record StatusBreakdown(long totalContent, long draftCount, long pendingCount, long publishedCount,
                              long rejectedCount) {
}
