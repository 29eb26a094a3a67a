package org.fractionball.lms.query.analytics;

import java.util.List;
import java.util.Map;

/** The caller's own figures of the teacher dashboard; the Video and Playlist shapes are added by {@link DashboardReads}. */
public record UserDashboardFigures(Map<String, Object> userInfo, Map<String, Object> userStats,
                                   List<VideoAnalytics> myTop, List<Map<String, Object>> quickLinks) {
}
