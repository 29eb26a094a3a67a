package org.fractionball.lms.query.analytics;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What the teacher dashboard reads from the read tables; the controller adds the Video and Playlist
 * shapes. {@code popular} are videos with views this month, or when none has any,
 * {@code popularByPlaylists} (by playlist inclusions, analytics all zero).
 */
public record TeacherDashboardFigures(Map<String, Object> userInfo, Map<String, Object> schoolStats,
                                      Map<String, Object> userStats, List<VideoAnalytics> popular,
                                      List<UUID> popularByPlaylists, List<VideoAnalytics> myTop,
                                      List<Map<String, Object>> recentDownloads, Map<String, Object> analyticsSummary,
                                      List<Map<String, Object>> quickLinks) {
}
