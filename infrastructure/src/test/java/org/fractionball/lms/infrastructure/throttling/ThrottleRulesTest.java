package org.fractionball.lms.infrastructure.throttling;

import org.fractionball.lms.events.shared.Caller;
import org.fractionball.lms.events.shared.Role;
import org.fractionball.lms.infrastructure.throttling.ThrottleRules.Limit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ThrottleRulesTest {
    private static final ThrottleRate ANON = new ThrottleRate(100, Duration.ofHours(1));
    private static final ThrottleRate USER = new ThrottleRate(1000, Duration.ofHours(1));
    private static final ThrottleRate LIBRARY = new ThrottleRate(500, Duration.ofHours(1));
    private static final ThrottleRate UPLOAD = new ThrottleRate(50, Duration.ofHours(1));
    private static final ThrottleRate AUTH = new ThrottleRate(300, Duration.ofHours(1));
    private static final ThrottleRate ADMIN = new ThrottleRate(200, Duration.ofHours(1));
    private static final Caller TEACHER = new Caller(42, "uid-42", Role.TEACHER, 7);

    private final ThrottleRules rules = new ThrottleRules(Map.of(ThrottleScope.ANON, ANON, ThrottleScope.USER, USER,
            ThrottleScope.LIBRARY, LIBRARY, ThrottleScope.UPLOAD, UPLOAD, ThrottleScope.AUTH, AUTH,
            ThrottleScope.ADMIN, ADMIN), ThrottleRules.DEFAULT_AUTH, "lms:");

    @ParameterizedTest
    @ValueSource(strings = {"/api/healthz/", "/api/readyz/", "/api/schema/", "/api/schema/openapi.json", "/api/docs/",
            "/api/docs/swagger-ui/index.html", "/api/redoc/", "/actuator/health", "/actuator/prometheus"})
    void health_docs_and_actuator_are_never_throttled(String path) {
        assertThat(rules.exempt(path)).isTrue();
        assertThat(rules.limitsFor(path, null, "10.0.0.1")).isEmpty();
        assertThat(rules.limitsFor(path, TEACHER, "10.0.0.1")).isEmpty();
    }

    @Test
    void an_anonymous_request_counts_per_client_address() {
        assertThat(rules.limitsFor("/api/shared/abc/", null, "10.0.0.1"))
                .containsExactly(new Limit(ThrottleScope.ANON, ANON, "lms:throttle:anon:100/3600s:ip:10.0.0.1"));
    }

    @Test
    void an_authenticated_request_counts_per_user_wherever_it_comes_from() {
        assertThat(rules.limitsFor("/api/me/", TEACHER, "10.0.0.1"))
                .containsExactly(new Limit(ThrottleScope.USER, USER, "lms:throttle:user:1000/3600s:user:42"));
        assertThat(rules.limitsFor("/api/me/", TEACHER, "10.9.9.9"))
                .containsExactly(new Limit(ThrottleScope.USER, USER, "lms:throttle:user:1000/3600s:user:42"));
    }

    @Test
    void library_paths_count_against_the_library_limit_first_and_the_user_limit() {
        assertThat(rules.limitsFor("/api/library/videos/", TEACHER, "10.0.0.1")).containsExactly(
                new Limit(ThrottleScope.LIBRARY, LIBRARY, "lms:throttle:library:500/3600s:user:42"),
                new Limit(ThrottleScope.USER, USER, "lms:throttle:user:1000/3600s:user:42"));
        assertThat(rules.scopeOf("/api/library/resources/3/")).contains(ThrottleScope.LIBRARY);
        assertThat(rules.scopeOf("/api/library/stats/")).contains(ThrottleScope.LIBRARY);
    }

    @Test
    void uploads_and_the_bulk_upload() {
        assertThat(rules.scopeOf("/api/uploads/sign/")).contains(ThrottleScope.UPLOAD);
        assertThat(rules.scopeOf("/api/uploads/complete/")).contains(ThrottleScope.UPLOAD);
        assertThat(rules.scopeOf("/api/bulk/upload/")).contains(ThrottleScope.UPLOAD);
        assertThat(rules.scopeOf("/api/bulk/jobs/")).isEmpty();
        assertThat(rules.scopeOf("/api/bulk/template/")).isEmpty();
        assertThat(rules.limitsFor("/api/uploads/sign/", TEACHER, "10.0.0.1")).containsExactly(
                new Limit(ThrottleScope.UPLOAD, UPLOAD, "lms:throttle:upload:50/3600s:user:42"),
                new Limit(ThrottleScope.USER, USER, "lms:throttle:user:1000/3600s:user:42"));
    }

    @Test
    void sign_in_counts_per_client_address_with_the_anonymous_limit() {
        assertThat(rules.limitsFor("/api/dev/sign-in/", null, "10.0.0.1")).containsExactly(
                new Limit(ThrottleScope.AUTH, AUTH, "lms:throttle:auth:300/3600s:ip:10.0.0.1"),
                new Limit(ThrottleScope.ANON, ANON, "lms:throttle:anon:100/3600s:ip:10.0.0.1"));
        assertThat(rules.limitsFor("/api/dev/sign-in/", TEACHER, "10.0.0.1")).containsExactly(
                new Limit(ThrottleScope.AUTH, AUTH, "lms:throttle:auth:300/3600s:ip:10.0.0.1"),
                new Limit(ThrottleScope.USER, USER, "lms:throttle:user:1000/3600s:user:42"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/auth/sign-in/", "/api/auth/token/refresh/", "/api/accounts/sign-in/",
            "/api/v2/signin/", "/api/login/", "/api/users/login/"})
    void later_sign_in_paths_are_covered_too(String path) {
        assertThat(rules.scopeOf(path)).contains(ThrottleScope.AUTH);
    }

    @Test
    void sign_in_paths_are_configurable() {
        ThrottleRules custom = new ThrottleRules(Map.of(ThrottleScope.AUTH, AUTH), List.of("/api/session/**"), "p:");
        assertThat(custom.scopeOf("/api/session/new/")).contains(ThrottleScope.AUTH);
        assertThat(custom.scopeOf("/api/dev/sign-in/")).isEmpty();
    }

    @Test
    void administration_and_configuration_but_not_the_public_configuration() {
        assertThat(rules.scopeOf("/api/admin/")).contains(ThrottleScope.ADMIN);
        assertThat(rules.scopeOf("/api/admin/users/5/deactivate/")).contains(ThrottleScope.ADMIN);
        assertThat(rules.scopeOf("/api/config/")).contains(ThrottleScope.ADMIN);
        assertThat(rules.scopeOf("/api/config/system/bulk_update/")).contains(ThrottleScope.ADMIN);
        assertThat(rules.scopeOf("/api/config/public/")).isEmpty();
        assertThat(rules.scopeOf("/api/public-config/")).isEmpty();
        assertThat(rules.limitsFor("/api/config/public/", null, "10.0.0.1"))
                .containsExactly(new Limit(ThrottleScope.ANON, ANON, "lms:throttle:anon:100/3600s:ip:10.0.0.1"));
        assertThat(rules.limitsFor("/api/admin/schools/", TEACHER, "10.0.0.1")).containsExactly(
                new Limit(ThrottleScope.ADMIN, ADMIN, "lms:throttle:admin:200/3600s:user:42"),
                new Limit(ThrottleScope.USER, USER, "lms:throttle:user:1000/3600s:user:42"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/me/", "/api/schools/", "/api/videos/", "/api/playlists/1/share/",
            "/api/shared/abc/", "/api/dashboard/", "/api/analytics/view/"})
    void other_paths_have_only_the_general_limit(String path) {
        assertThat(rules.scopeOf(path)).isEmpty();
    }

    @Test
    void a_scope_without_a_rate_is_not_limited() {
        Map<ThrottleScope, ThrottleRate> onlyUsers = new EnumMap<>(ThrottleScope.class);
        onlyUsers.put(ThrottleScope.USER, USER);
        ThrottleRules partial = new ThrottleRules(onlyUsers, ThrottleRules.DEFAULT_AUTH, "lms:");
        assertThat(partial.limitsFor("/api/shared/abc/", null, "10.0.0.1")).isEmpty();
        assertThat(partial.limitsFor("/api/library/videos/", TEACHER, "10.0.0.1"))
                .containsExactly(new Limit(ThrottleScope.USER, USER, "lms:throttle:user:1000/3600s:user:42"));
    }

    @Test
    void an_unknown_client_address_still_has_a_bucket() {
        assertThat(rules.limitsFor("/api/shared/abc/", null, null))
                .containsExactly(new Limit(ThrottleScope.ANON, ANON, "lms:throttle:anon:100/3600s:ip:unknown"));
    }
}
