package org.fractionball.lms.infrastructure.throttling;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.servlet.DispatcherType;
import org.fractionball.lms.events.shared.Caller;
import org.fractionball.lms.events.shared.Role;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.servlet.resource.ResourceHttpRequestHandler;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The interceptor on in-process buckets with a hand-moved clock, so every wait is exact. */
class ThrottlingInterceptorTest {
    private static final Object ENDPOINT = new Object();

    private final ManualClock clock = new ManualClock();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private ThrottlingInterceptor interceptor = interceptor(Map.of(
            ThrottleScope.ANON, "3/hour", ThrottleScope.USER, "5/hour", ThrottleScope.LIBRARY, "2/hour",
            ThrottleScope.UPLOAD, "1/minute", ThrottleScope.AUTH, "2/hour", ThrottleScope.ADMIN, "4/hour"));

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void anonymous_clients_get_their_limit_then_429_with_retry_after_and_the_contract_body() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertThat(call("GET", "/api/shared/abc/", "198.51.100.1").getStatus()).isEqualTo(200);
        }
        MockHttpServletResponse refused = call("GET", "/api/shared/abc/", "198.51.100.1");

        assertThat(refused.getStatus()).isEqualTo(429);
        assertThat(refused.getHeader("Retry-After")).isEqualTo("1200");
        assertThat(refused.getContentType()).isEqualTo("application/json;charset=UTF-8");
        assertThat(refused.getContentAsString())
                .isEqualTo("{\"detail\":\"Request was throttled. Expected available in 1200 seconds.\"}");
        assertThat(throttled("anon")).isEqualTo(1.0);
    }

    @Test
    void the_wait_shrinks_as_time_passes_and_a_token_comes_back() throws Exception {
        for (int i = 0; i < 3; i++) {
            call("GET", "/api/shared/abc/", "198.51.100.1");
        }
        clock.advance(Duration.ofSeconds(1000));
        assertThat(call("GET", "/api/shared/abc/", "198.51.100.1").getHeader("Retry-After")).isEqualTo("200");
        clock.advance(Duration.ofMillis(199_500));
        MockHttpServletResponse almost = call("GET", "/api/shared/abc/", "198.51.100.1");
        assertThat(almost.getHeader("Retry-After")).isEqualTo("1");
        assertThat(almost.getContentAsString())
                .isEqualTo("{\"detail\":\"Request was throttled. Expected available in 1 second.\"}");
        clock.advance(Duration.ofMillis(500));
        assertThat(call("GET", "/api/shared/abc/", "198.51.100.1").getStatus()).isEqualTo(200);
        assertThat(call("GET", "/api/shared/abc/", "198.51.100.1").getStatus()).isEqualTo(429);
    }

    @Test
    void each_client_address_has_its_own_bucket() throws Exception {
        for (int i = 0; i < 3; i++) {
            call("GET", "/api/shared/abc/", "198.51.100.1");
        }
        assertThat(call("GET", "/api/shared/abc/", "198.51.100.1").getStatus()).isEqualTo(429);
        assertThat(call("GET", "/api/shared/abc/", "198.51.100.2").getStatus()).isEqualTo(200);
    }

    @Test
    void authenticated_callers_count_per_user_not_per_address() throws Exception {
        signIn(new Caller(1, "uid-1", Role.TEACHER, 1));
        for (int i = 0; i < 5; i++) {
            assertThat(call("GET", "/api/me/", "198.51.100." + i).getStatus()).isEqualTo(200);
        }
        MockHttpServletResponse refused = call("GET", "/api/me/", "198.51.100.9");
        assertThat(refused.getStatus()).isEqualTo(429);
        assertThat(refused.getHeader("Retry-After")).isEqualTo("720");
        assertThat(throttled("user")).isEqualTo(1.0);

        signIn(new Caller(2, "uid-2", Role.TEACHER, 1));
        assertThat(call("GET", "/api/me/", "198.51.100.9").getStatus()).isEqualTo(200);
        SecurityContextHolder.clearContext();
        assertThat(call("GET", "/api/shared/abc/", "198.51.100.9").getStatus()).isEqualTo(200);
    }

    @Test
    void a_scoped_limit_applies_on_top_of_the_user_limit_and_a_refused_request_costs_nothing() throws Exception {
        signIn(new Caller(3, "uid-3", Role.TEACHER, 1));
        assertThat(call("GET", "/api/library/videos/", "198.51.100.1").getStatus()).isEqualTo(200);
        assertThat(call("GET", "/api/library/videos/", "198.51.100.1").getStatus()).isEqualTo(200);
        MockHttpServletResponse refused = call("GET", "/api/library/videos/", "198.51.100.1");
        assertThat(refused.getStatus()).isEqualTo(429);
        assertThat(refused.getHeader("Retry-After")).isEqualTo("1800");
        assertThat(throttled("library")).isEqualTo(1.0);

        // 5 per hour for the user, 2 of them spent on the library: 3 left elsewhere
        for (int i = 0; i < 3; i++) {
            assertThat(call("GET", "/api/me/", "198.51.100.1").getStatus()).isEqualTo(200);
        }
        assertThat(call("GET", "/api/me/", "198.51.100.1").getStatus()).isEqualTo(429);
        assertThat(throttled("user")).isEqualTo(1.0);
    }

    @Test
    void when_the_user_limit_refuses_the_scoped_token_is_given_back() throws Exception {
        signIn(new Caller(4, "uid-4", Role.ADMIN, 1));
        for (int i = 0; i < 5; i++) {
            assertThat(call("GET", "/api/me/", "198.51.100.1").getStatus()).isEqualTo(200);
        }
        MockHttpServletResponse refused = call("GET", "/api/admin/users/", "198.51.100.1");
        assertThat(refused.getStatus()).isEqualTo(429);
        assertThat(refused.getHeader("Retry-After")).isEqualTo("720");
        assertThat(throttled("user")).isEqualTo(1.0);
        assertThat(throttled("admin")).isEqualTo(0.0);

        clock.advance(Duration.ofSeconds(720));
        // one user token back; the admin bucket still holds all 4
        assertThat(call("GET", "/api/admin/users/", "198.51.100.1").getStatus()).isEqualTo(200);
        assertThat(remaining("lms:throttle:admin:4/3600s:user:4", "4/hour")).isEqualTo(3);
    }

    @Test
    void the_wait_is_that_of_the_slowest_limit_still_needed() throws Exception {
        signIn(new Caller(5, "uid-5", Role.TEACHER, 1));
        assertThat(call("POST", "/api/uploads/sign/", "198.51.100.1").getStatus()).isEqualTo(200);
        for (int i = 0; i < 4; i++) {
            assertThat(call("GET", "/api/me/", "198.51.100.1").getStatus()).isEqualTo(200);
        }
        // upload (1/minute) is empty for 60 s, the user bucket (5/hour) for 720 s
        MockHttpServletResponse refused = call("POST", "/api/uploads/sign/", "198.51.100.1");
        assertThat(refused.getStatus()).isEqualTo(429);
        assertThat(refused.getHeader("Retry-After")).isEqualTo("720");
        assertThat(throttled("upload")).isEqualTo(1.0);
    }

    @Test
    void sign_in_is_limited_per_client_address() throws Exception {
        assertThat(call("POST", "/api/dev/sign-in/", "198.51.100.1").getStatus()).isEqualTo(200);
        assertThat(call("POST", "/api/dev/sign-in/", "198.51.100.1").getStatus()).isEqualTo(200);
        assertThat(call("POST", "/api/dev/sign-in/", "198.51.100.1").getStatus()).isEqualTo(429);
        assertThat(throttled("auth")).isEqualTo(1.0);
        // the refused sign-in gave back its anonymous token: 3 - 2 left
        assertThat(call("GET", "/api/shared/abc/", "198.51.100.1").getStatus()).isEqualTo(200);
        assertThat(call("GET", "/api/shared/abc/", "198.51.100.1").getStatus()).isEqualTo(429);
    }

    @Test
    void health_and_docs_are_never_throttled() throws Exception {
        for (int i = 0; i < 30; i++) {
            assertThat(call("GET", "/api/healthz/", "198.51.100.1").getStatus()).isEqualTo(200);
            assertThat(call("GET", "/api/schema/", "198.51.100.1").getStatus()).isEqualTo(200);
            assertThat(call("GET", "/api/docs/", "198.51.100.1").getStatus()).isEqualTo(200);
            assertThat(call("GET", "/api/redoc/", "198.51.100.1").getStatus()).isEqualTo(200);
        }
        assertThat(call("GET", "/api/shared/abc/", "198.51.100.1").getStatus()).isEqualTo(200);
    }

    @Test
    void paths_without_an_endpoint_and_redispatches_are_not_counted() throws Exception {
        for (int i = 0; i < 10; i++) {
            MockHttpServletRequest notFound = request("GET", "/api/nothing-here/", "198.51.100.1");
            assertThat(interceptor.preHandle(notFound, new MockHttpServletResponse(), new ResourceHttpRequestHandler()))
                    .isTrue();
            MockHttpServletRequest error = request("GET", "/api/shared/abc/", "198.51.100.1");
            error.setDispatcherType(DispatcherType.ERROR);
            assertThat(interceptor.preHandle(error, new MockHttpServletResponse(), ENDPOINT)).isTrue();
        }
        MockHttpServletRequest once = request("GET", "/api/shared/abc/", "198.51.100.1");
        for (int i = 0; i < 5; i++) {
            assertThat(interceptor.preHandle(once, new MockHttpServletResponse(), ENDPOINT)).isTrue();
        }
        assertThat(remaining("lms:throttle:anon:3/3600s:ip:198.51.100.1", "3/hour")).isEqualTo(2);
    }

    @Test
    void if_the_buckets_fail_requests_pass() throws Exception {
        ThrottleBuckets broken = new ThrottleBuckets() {
            @Override
            public Bucket bucket(String key, ThrottleRate rate) {
                throw new IllegalStateException("Redis is down");
            }

            @Override
            public String describe() {
                return "broken";
            }
        };
        interceptor = new ThrottlingInterceptor(rules(Map.of(ThrottleScope.ANON, "1/hour")), broken, meters,
                caller -> true);
        for (int i = 0; i < 3; i++) {
            assertThat(call("GET", "/api/shared/abc/", "198.51.100.1").getStatus()).isEqualTo(200);
        }
    }

    @Test
    void callers_the_rate_limiting_switch_is_off_for_are_never_counted() throws Exception {
        Caller exempt = new Caller(5, "uid-5", Role.ADMIN, 1);
        buckets = new LocalThrottleBuckets(1000, Duration.ofDays(1), clock);
        interceptor = new ThrottlingInterceptor(rules(Map.of(ThrottleScope.ANON, "1/hour", ThrottleScope.USER,
                "1/hour")), buckets, meters, caller -> caller == null || caller.userId() != exempt.userId());
        signIn(exempt);
        for (int i = 0; i < 5; i++) {
            assertThat(call("GET", "/api/me/", "198.51.100.1").getStatus()).isEqualTo(200);
        }
        assertThat(remaining("lms:throttle:user:1/3600s:user:5", "1/hour")).isEqualTo(1);
        signIn(new Caller(6, "uid-6", Role.TEACHER, 1));
        assertThat(call("GET", "/api/me/", "198.51.100.1").getStatus()).isEqualTo(200);
        assertThat(call("GET", "/api/me/", "198.51.100.1").getStatus()).isEqualTo(429);
    }

    @Test
    void the_counter_is_there_for_every_scope_from_the_start() {
        for (ThrottleScope scope : ThrottleScope.values()) {
            assertThat(meters.get("lms.http.throttled").tag("scope", scope.tag()).counter().count()).isZero();
        }
    }

    @Test
    void the_message_is_singular_for_one_second() {
        assertThat(ThrottlingInterceptor.message(1)).isEqualTo("Request was throttled. Expected available in 1 second.");
        assertThat(ThrottlingInterceptor.message(2)).isEqualTo("Request was throttled. Expected available in 2 seconds.");
        assertThat(new ThrottlingInterceptor.Decision(false, ThrottleScope.ANON, 1).waitSeconds()).isEqualTo(1);
        assertThat(new ThrottlingInterceptor.Decision(false, ThrottleScope.ANON, 1_000_000_000L).waitSeconds())
                .isEqualTo(1);
        assertThat(new ThrottlingInterceptor.Decision(false, ThrottleScope.ANON, 1_000_000_001L).waitSeconds())
                .isEqualTo(2);
        assertThat(new ThrottlingInterceptor.Decision(false, ThrottleScope.ANON, 0).waitSeconds()).isEqualTo(1);
    }

    private LocalThrottleBuckets buckets;

    private ThrottlingInterceptor interceptor(Map<ThrottleScope, String> rates) {
        buckets = new LocalThrottleBuckets(1000, Duration.ofDays(1), clock);
        return new ThrottlingInterceptor(rules(rates), buckets, meters, caller -> true);
    }

    private static ThrottleRules rules(Map<ThrottleScope, String> rates) {
        Map<ThrottleScope, ThrottleRate> parsed = new EnumMap<>(ThrottleScope.class);
        rates.forEach((scope, rate) -> parsed.put(scope, ThrottleRate.parse(rate).orElseThrow()));
        return new ThrottleRules(parsed, ThrottleRules.DEFAULT_AUTH, "lms:");
    }

    private long remaining(String key, String rate) {
        return buckets.bucket(key, ThrottleRate.parse(rate).orElseThrow()).getAvailableTokens();
    }

    private MockHttpServletResponse call(String method, String path, String clientIp) throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        if (interceptor.preHandle(request(method, path, clientIp), response, ENDPOINT)) {
            response.setStatus(200);
        }
        return response;
    }

    private static MockHttpServletRequest request(String method, String path, String clientIp) {
        MockHttpServletRequest request = new MockHttpServletRequest(method, path);
        request.setRemoteAddr(clientIp);
        return request;
    }

    private static void signIn(Caller caller) {
        SecurityContextHolder.getContext().setAuthentication(
                new UsernamePasswordAuthenticationToken(caller, "token", List.of()));
    }

    private double throttled(String scope) {
        return meters.get(ThrottlingInterceptor.COUNTER).tag("scope", scope).counter().count();
    }

    /** A clock that moves only when told to. */
    private static final class ManualClock implements TimeMeter {
        private long nanos = TimeUnit.DAYS.toNanos(1);

        void advance(Duration duration) {
            nanos += duration.toNanos();
        }

        @Override
        public long currentTimeNanos() {
            return nanos;
        }

        @Override
        public boolean isWallClockBased() {
            return false;
        }
    }
}
