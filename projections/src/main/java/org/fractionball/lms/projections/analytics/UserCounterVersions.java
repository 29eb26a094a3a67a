package org.fractionball.lms.projections.analytics;

import org.fractionball.lms.projections.SchoolVersions;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The version of each school's user counters (table {@code user_counter_version}), raised by the
 * user counters projection whenever a count of the school changes; the cached school stats are keyed
 * by it. At most one raise per user and day comes from sign-ins (only the first of a day moves a user).
 */
@Component
public class UserCounterVersions extends SchoolVersions {

    public UserCounterVersions(JdbcTemplate jdbc) {
        super(jdbc, "user_counter_version");
    }
}
