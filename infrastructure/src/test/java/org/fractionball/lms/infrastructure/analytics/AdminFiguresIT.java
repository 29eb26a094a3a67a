package org.fractionball.lms.infrastructure.analytics;

import com.fasterxml.jackson.databind.JsonNode;
import org.fractionball.lms.events.shared.Role;
import org.fractionball.lms.infrastructure.support.Api;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The user figures of the admin dashboards come from the analytics projection's user counters: role
 * changes, deactivations and sign-ins move users between counters, and the dashboard and school stats
 * show each change once it is projected — the school stats also when they were cached before it.
 */
class AdminFiguresIT extends AnalyticsApiSupport {
    @Autowired
    MeterRegistry meters;

    @Test
    void roleChangesDeactivationsAndSignInsMoveUsersBetweenCounters() {
        long school = school(unique("admin-figures") + ".edu");
        Account admin = account(Role.ADMIN, school(unique("admin-figures-home") + ".edu"));
        ok("/api/me/", admin);
        awaitProjections();
        JsonNode before = ok("/api/admin/dashboard/", admin);
        Account signedIn = account(Role.TEACHER, school);
        Account promoted = account(Role.TEACHER, school);
        Account leaving = account(Role.TEACHER, school);
        Account schoolAdmin = account(Role.SCHOOL_ADMIN, school);
        awaitProjections();
        JsonNode cached = ok("/api/admin/schools/" + school + "/stats/", admin);
        assertThat(cached.get("user_stats").toString()).isEqualTo("{\"total_users\":4,\"active_users\":4,"
                + "\"teachers\":3,\"school_admins\":1}");
        assertThat(cached.at("/activity_stats/recent_logins").asLong()).isZero();
        double nearHits = nearHits();
        JsonNode again = ok("/api/admin/schools/" + school + "/stats/", admin);
        assertThat(nearHits()).as("the second read is this node's cached answer").isEqualTo(nearHits + 1);
        assertThat(again.get("user_stats")).isEqualTo(cached.get("user_stats"));
        ok("/api/me/", signedIn);
        ok("/api/me/", schoolAdmin);
        change(admin, "/api/admin/users/" + promoted.id() + "/change_role/", "{\"role\": \"SCHOOL_ADMIN\"}");
        change(admin, "/api/admin/users/" + leaving.id() + "/deactivate/", "{\"reason\": \"Moved away\"}");
        awaitProjections();

        JsonNode stats = ok("/api/admin/schools/" + school + "/stats/", admin);
        assertThat(stats.get("user_stats").toString()).isEqualTo("{\"total_users\":4,\"active_users\":3,"
                + "\"teachers\":2,\"school_admins\":2}");
        assertThat(stats.at("/activity_stats/recent_logins").asLong()).isEqualTo(2);

        JsonNode after = ok("/api/admin/dashboard/", admin);
        assertThat(delta(before, after, "/user_stats/total_users")).isEqualTo(4);
        assertThat(delta(before, after, "/user_stats/active_users")).isEqualTo(3);
        assertThat(delta(before, after, "/user_stats/teachers")).isEqualTo(2);
        assertThat(delta(before, after, "/user_stats/school_admins")).isEqualTo(2);
        assertThat(delta(before, after, "/recent_activity/new_users")).isEqualTo(4);
        assertThat(delta(before, after, "/recent_activity/recent_logins")).isEqualTo(2);
    }

    private void change(Account admin, String path, String body) {
        Api.Response response = post(path, body, admin);
        assertThat(response.status()).as(path + " → " + response).isEqualTo(200);
    }

    private double nearHits() {
        return meters.get("lms.library.cache").tag("result", "near").counter().count();
    }

    private static long delta(JsonNode before, JsonNode after, String pointer) {
        return after.at(pointer).asLong() - before.at(pointer).asLong();
    }
}
