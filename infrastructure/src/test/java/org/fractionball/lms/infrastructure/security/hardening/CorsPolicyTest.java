package org.fractionball.lms.infrastructure.security.hardening;

import jakarta.servlet.ServletException;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CorsPolicyTest {
    private final CorsPolicy cors = CorsPolicy.parse("");

    private static MockHttpServletRequest preflight(String origin) {
        MockHttpServletRequest request = new MockHttpServletRequest("OPTIONS", "/api/schools/");
        request.setServerName("127.0.0.1");
        request.setServerPort(8000);
        request.addHeader("Origin", origin);
        request.addHeader("Access-Control-Request-Method", "POST");
        request.addHeader("Access-Control-Request-Headers", "authorization, content-type, idempotency-key");
        return request;
    }

    private Result run(MockHttpServletRequest request) throws ServletException, IOException {
        MockHttpServletResponse response = new MockHttpServletResponse();
        MockFilterChain chain = new MockFilterChain();
        cors.filter().doFilter(request, response, chain);
        return new Result(response, chain.getRequest() != null);
    }

    private record Result(MockHttpServletResponse response, boolean passedOn) {
    }

    @Test
    void defaults_are_the_contract_origins() {
        assertThat(cors.allowedOrigins()).containsExactly("http://localhost:3000", "http://127.0.0.1:8000");
        assertThat(CorsPolicy.parse(" https://app.example.com/ ,http://localhost:5173").allowedOrigins())
                .containsExactly("https://app.example.com", "http://localhost:5173");
    }

    @Test
    void a_preflight_from_an_allowed_origin_is_answered_with_the_cors_headers() throws Exception {
        Result result = run(preflight("http://localhost:3000"));
        assertThat(result.passedOn()).isFalse();
        assertThat(result.response().getStatus()).isEqualTo(200);
        assertThat(result.response().getHeader("Access-Control-Allow-Origin")).isEqualTo("http://localhost:3000");
        assertThat(result.response().getHeader("Access-Control-Allow-Credentials")).isEqualTo("true");
        assertThat(result.response().getHeader("Access-Control-Allow-Methods"))
                .isEqualTo("GET,POST,PUT,PATCH,DELETE,OPTIONS");
        assertThat(result.response().getHeader("Access-Control-Allow-Headers"))
                .isEqualTo("authorization, content-type, idempotency-key");
        assertThat(result.response().getHeader("Access-Control-Max-Age")).isEqualTo("86400");
    }

    @Test
    void a_preflight_from_another_origin_is_answered_without_cors_headers() throws Exception {
        Result result = run(preflight("https://evil.example"));
        assertThat(result.passedOn()).isFalse();
        assertThat(result.response().getStatus()).isEqualTo(200);
        assertThat(result.response().getHeaderNames()).noneMatch(name -> name.startsWith("Access-Control-"));
    }

    @Test
    void actual_requests_pass_on_with_headers_only_for_an_allowed_origin() throws Exception {
        MockHttpServletRequest allowed = new MockHttpServletRequest("GET", "/api/healthz/");
        allowed.addHeader("Origin", "http://127.0.0.1:8000");
        Result ok = run(allowed);
        assertThat(ok.passedOn()).isTrue();
        assertThat(ok.response().getHeader("Access-Control-Allow-Origin")).isEqualTo("http://127.0.0.1:8000");
        assertThat(ok.response().getHeader("Access-Control-Expose-Headers"))
                .isEqualTo("X-Request-Id, X-Event-Position, Retry-After");

        MockHttpServletRequest other = new MockHttpServletRequest("POST", "/api/schools/");
        other.addHeader("Origin", "https://evil.example");
        Result passed = run(other);
        assertThat(passed.passedOn()).as("not refused: the browser withholds the answer").isTrue();
        assertThat(passed.response().getHeaderNames()).noneMatch(name -> name.startsWith("Access-Control-"));
    }

    @Test
    void a_preflight_for_a_header_outside_the_list_is_refused_in_json() throws Exception {
        MockHttpServletRequest request = preflight("http://localhost:3000");
        request.removeHeader("Access-Control-Request-Headers");
        request.addHeader("Access-Control-Request-Headers", "x-unknown");
        Result result = run(request);
        assertThat(result.response().getStatus()).isEqualTo(403);
        assertThat(result.response().getContentAsString()).isEqualTo("{\"detail\":\"Invalid CORS request.\"}");
    }

    @Test
    void wildcards_and_non_origins_are_refused_naming_the_variable() {
        for (String bad : new String[]{"*", "localhost:3000", "https://app.example.com/path", "ftp://x.example",
                "https://*.example.com"}) {
            assertThatThrownBy(() -> CorsPolicy.parse(bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("CORS_ALLOWED_ORIGINS");
        }
    }
}
