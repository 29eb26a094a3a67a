package org.fractionball.lms.infrastructure.security.hardening;

import org.fractionball.lms.infrastructure.throttling.ClientAddresses;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SecurityHeadersTest {

    @Test
    void api_paths_get_the_strict_policy_documentation_pages_theirs() {
        for (String path : new String[]{"/api/healthz/", "/api/schools/", "/api/schema/", "/api/schema/openapi.json",
                "/api/schema/openapi.json/swagger-config", "/actuator/health", "/", "/api/docs", "/api/redoc",
                "/api/documents/", null}) {
            assertThat(ContentSecurityPolicies.forPath(path)).as(String.valueOf(path))
                    .isEqualTo(ContentSecurityPolicies.API)
                    .isEqualTo("default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
        }
        for (String path : new String[]{"/api/docs/", "/api/docs/swagger-ui/index.html",
                "/api/docs/swagger-ui/swagger-initializer.js", "/api/redoc/", "/redoc/index.html",
                "/webjars/redoc/2.1.4/bundles/redoc.standalone.js"}) {
            assertThat(ContentSecurityPolicies.forPath(path)).as(path).isEqualTo(ContentSecurityPolicies.DOCUMENTATION);
        }
        for (String path : new String[]{"/api/docs/../schools/", "/webjars/%2e%2e/api/me/", "/api/docs/;x=1",
                "/api/docs//x", "/api/redoc/.hidden"}) {
            assertThat(ContentSecurityPolicies.forPath(path)).as(path).isEqualTo(ContentSecurityPolicies.API);
        }
    }

    @Test
    void web_ui_pages_get_the_page_policy_with_the_configured_origins() {
        String policy = ContentSecurityPolicies.pages(List.of("http://127.0.0.1:9099", "https://files.example.org"));
        assertThat(policy).isEqualTo("default-src 'none'; script-src 'self'; style-src 'self'; "
                + "img-src 'self' data: https:; media-src 'self' blob: https:; connect-src 'self' "
                + "https://identitytoolkit.googleapis.com https://securetoken.googleapis.com "
                + "https://storage.googleapis.com http://127.0.0.1:9099 https://files.example.org; "
                + "frame-ancestors 'none'; base-uri 'none'; form-action 'self'");
        for (String path : new String[]{"/", "/sign-in/", "/library/", "/upload/", "/content/", "/playlists/",
                "/shared/0b7f2a1e-7d1c-4a43-9d3e-2f1f6f1c0a11/", "/ui/js/page.js", "/ui/config.json"}) {
            assertThat(ContentSecurityPolicies.isPage(path)).as(path).isTrue();
        }
        for (String path : new String[]{"/api/healthz/", "/api/shared/x/", "/storage/o/x", "/ui/../api/me/",
                "/ui/%2e%2e/api/me/", "/library", null}) {
            assertThat(ContentSecurityPolicies.isPage(path)).as(String.valueOf(path)).isFalse();
        }
        SecurityHeaders headers = new SecurityHeaders(new TransportSecurity(false, List.of(), 0, ClientAddresses.none()),
                policy);
        MockHttpServletResponse page = new MockHttpServletResponse();
        headers.writeHeaders(new MockHttpServletRequest("GET", "/library/"), page);
        assertThat(page.getHeader("Content-Security-Policy")).isEqualTo(policy);
        MockHttpServletResponse api = new MockHttpServletResponse();
        headers.writeHeaders(new MockHttpServletRequest("GET", "/api/library/videos/"), api);
        assertThat(api.getHeader("Content-Security-Policy")).isEqualTo(ContentSecurityPolicies.API);
    }

    @Test
    void the_documentation_policy_allows_no_inline_or_evaluated_script() {
        String policy = ContentSecurityPolicies.DOCUMENTATION;
        assertThat(policy).contains("script-src 'self';").doesNotContain("unsafe-eval")
                .contains("frame-ancestors 'none'").contains("worker-src blob:").contains("img-src 'self' data:");
        String scripts = policy.substring(policy.indexOf("script-src"), policy.indexOf(';', policy.indexOf("script-src")));
        assertThat(scripts).doesNotContain("unsafe-inline");
    }

    @Test
    void every_response_gets_the_headers_of_section_0_8_and_existing_values_stay() {
        SecurityHeaders headers = new SecurityHeaders(new TransportSecurity(false, List.of(), 0, ClientAddresses.none()));
        MockHttpServletResponse response = new MockHttpServletResponse();
        headers.writeHeaders(new MockHttpServletRequest("GET", "/api/healthz/"), response);
        assertThat(response.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(response.getHeader("X-Frame-Options")).isEqualTo("DENY");
        assertThat(response.getHeader("Referrer-Policy")).isEqualTo("same-origin");
        assertThat(response.getHeader("Cross-Origin-Opener-Policy")).isEqualTo("same-origin");
        assertThat(response.getHeader("Content-Security-Policy")).isEqualTo(ContentSecurityPolicies.API);
        assertThat(response.containsHeader("Strict-Transport-Security")).isFalse();

        MockHttpServletResponse docs = new MockHttpServletResponse();
        docs.setHeader("Content-Security-Policy", "default-src 'self'");
        MockHttpServletRequest context = new MockHttpServletRequest("GET", "/lms/api/docs/swagger-ui/index.html");
        context.setContextPath("/lms");
        headers.writeHeaders(context, docs);
        assertThat(docs.getHeaders("Content-Security-Policy")).containsExactly("default-src 'self'");
        MockHttpServletResponse docs2 = new MockHttpServletResponse();
        headers.writeHeaders(context, docs2);
        assertThat(docs2.getHeader("Content-Security-Policy")).isEqualTo(ContentSecurityPolicies.DOCUMENTATION);
    }

    @Test
    void answers_that_are_not_pages_get_the_strict_policy_under_any_path() {
        SecurityHeaders headers = new SecurityHeaders(new TransportSecurity(false, List.of(), 0, ClientAddresses.none()));
        MockHttpServletResponse response = new MockHttpServletResponse();
        headers.writeHeadersForNonDocument(new MockHttpServletRequest("GET", "/api/docs/"), response);
        assertThat(response.getHeaders("Content-Security-Policy")).containsExactly(ContentSecurityPolicies.API);
        assertThat(response.getHeader("X-Frame-Options")).isEqualTo("DENY");
    }

    @Test
    void hsts_only_on_secure_requests_when_configured() {
        SecurityHeaders headers = new SecurityHeaders(new TransportSecurity(false, List.of(), 600,
                ClientAddresses.trusting("127.0.0.1")));
        MockHttpServletRequest plain = new MockHttpServletRequest("GET", "/api/healthz/");
        MockHttpServletResponse plainResponse = new MockHttpServletResponse();
        headers.writeHeaders(plain, plainResponse);
        assertThat(plainResponse.containsHeader("Strict-Transport-Security")).isFalse();

        MockHttpServletRequest forwarded = new MockHttpServletRequest("GET", "/api/healthz/");
        forwarded.addHeader("X-Forwarded-Proto", "https");
        MockHttpServletResponse forwardedResponse = new MockHttpServletResponse();
        headers.writeHeaders(forwarded, forwardedResponse);
        assertThat(forwardedResponse.getHeader("Strict-Transport-Security"))
                .isEqualTo("max-age=600; includeSubDomains; preload");
    }
}
