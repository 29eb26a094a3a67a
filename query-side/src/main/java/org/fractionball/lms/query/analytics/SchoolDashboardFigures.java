package org.fractionball.lms.query.analytics;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The school-wide figures of the teacher dashboard; the Video shapes are added by {@link DashboardReads}.
 * {@code popular} are videos with views this month, or when none has any, {@code popularByPlaylists}
 * (by playlist inclusions, analytics all zero). {@code dailyActivity}: the school's views and downloads of
 * each day of the month, oldest first.
 */
public record SchoolDashboardFigures(Map<String, Object> schoolStats, List<VideoAnalytics> popular,
                                     List<UUID> popularByPlaylists, List<Map<String, Object>> recentDownloads,
                                     Map<String, Object> analyticsSummary,
                                     List<Map<String, Object>> dailyActivity) {
}
