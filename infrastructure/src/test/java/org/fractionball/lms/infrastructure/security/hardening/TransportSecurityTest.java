package org.fractionball.lms.infrastructure.security.hardening;

import org.fractionball.lms.infrastructure.throttling.ClientAddresses;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TransportSecurityTest {
    private static final ClientAddresses PROXY = ClientAddresses.trusting("10.0.0.5");

    private static MockHttpServletRequest request(String remote, String path, String forwardedProto) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", path);
        request.setRemoteAddr(remote);
        request.addHeader("Host", "lms.example.com");
        if (forwardedProto != null) {
            request.addHeader("X-Forwarded-Proto", forwardedProto);
        }
        return request;
    }

    @Test
    void forwarded_proto_counts_only_from_a_trusted_proxy() {
        TransportSecurity transport = new TransportSecurity(true, List.of(), 0, PROXY);
        assertThat(transport.isSecure(request("10.0.0.5", "/api/me/", "https"))).isTrue();
        assertThat(transport.isSecure(request("10.0.0.5", "/api/me/", "HTTPS"))).isTrue();
        assertThat(transport.isSecure(request("10.0.0.5", "/api/me/", "https, http"))).as("first value").isTrue();
        assertThat(transport.isSecure(request("10.0.0.5", "/api/me/", "http"))).isFalse();
        assertThat(transport.isSecure(request("10.0.0.5", "/api/me/", null))).isFalse();
        assertThat(transport.isSecure(request("203.0.113.7", "/api/me/", "https"))).as("untrusted peer").isFalse();
        MockHttpServletRequest tls = request("203.0.113.7", "/api/me/", null);
        tls.setSecure(true);
        assertThat(transport.isSecure(tls)).isTrue();
    }

    @Test
    void plain_http_is_redirected_to_the_same_url_on_https_except_the_health_check() {
        TransportSecurity transport = new TransportSecurity(true, List.of(), 0, PROXY);
        MockHttpServletRequest plain = request("203.0.113.7", "/api/schools/", null);
        plain.setQueryString("page=2&search=a%20b");
        assertThat(transport.redirectLocation(plain)).isEqualTo("https://lms.example.com/api/schools/?page=2&search=a%20b");
        MockHttpServletRequest withPort = request("203.0.113.7", "/api/me/", null);
        withPort.removeHeader("Host");
        withPort.addHeader("Host", "lms.example.com:8000");
        assertThat(transport.redirectLocation(withPort)).isEqualTo("https://lms.example.com:8000/api/me/");
        assertThat(transport.redirectLocation(request("203.0.113.7", "/api/healthz/", null))).isNull();
        assertThat(transport.redirectLocation(request("203.0.113.7", "/api/readyz/", null))).isNull();
        assertThat(transport.redirectLocation(request("203.0.113.7", "/api/healthz", null)))
                .as("only the exact health path is exempt").isNotNull();
        assertThat(transport.redirectLocation(request("203.0.113.7", "/api/me/", "https")))
                .as("an untrusted X-Forwarded-Proto does not avoid the redirect").isNotNull();
        assertThat(transport.redirectLocation(request("10.0.0.5", "/api/me/", "https"))).isNull();
        assertThat(new TransportSecurity(false, List.of(), 0, PROXY)
                .redirectLocation(request("203.0.113.7", "/api/me/", null))).isNull();
    }

    @Test
    void further_exemptions_are_regular_expressions_on_the_path_without_its_slash() {
        TransportSecurity transport = new TransportSecurity(true, List.of("^actuator/"), 0, PROXY);
        assertThat(transport.redirectLocation(request("203.0.113.7", "/actuator/prometheus", null))).isNull();
        assertThat(transport.redirectLocation(request("203.0.113.7", "/api/healthz/", null))).isNull();
        assertThat(transport.redirectLocation(request("203.0.113.7", "/api/actuator/", null))).isNotNull();
    }

    @Test
    void hsts_follows_the_variable_and_is_sent_on_secure_requests_only() {
        TransportSecurity off = new TransportSecurity(false, List.of(), 0, PROXY);
        assertThat(off.strictTransportSecurity(request("10.0.0.5", "/api/me/", "https"))).isNull();

        TransportSecurity year = new TransportSecurity(false, List.of(), 31536000, PROXY);
        assertThat(year.strictTransportSecurity(request("10.0.0.5", "/api/me/", "https")))
                .isEqualTo("max-age=31536000; includeSubDomains; preload");
        assertThat(year.strictTransportSecurity(request("203.0.113.7", "/api/me/", null))).isNull();
        assertThat(year.strictTransportSecurity(request("203.0.113.7", "/api/me/", "https"))).isNull();
        assertThatThrownBy(() -> new TransportSecurity(false, List.of(), -1, PROXY))
                .hasMessageContaining("SECURE_HSTS_SECONDS");
    }
}
