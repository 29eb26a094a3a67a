package org.fractionball.lms.projections.analytics;

import org.fractionball.lms.projections.SchoolVersions;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The version of each school's analytics (table {@code analytics_version}), raised by the analytics
 * projection whenever a figure of the school changes; cached dashboards are keyed by it. Raised once
 * per school per processor batch, at commit, so a burst of views costs one row update per batch.
 */
@Component
public class AnalyticsVersions extends SchoolVersions {

    public AnalyticsVersions(JdbcTemplate jdbc) {
        super(jdbc, "analytics_version");
    }
}
