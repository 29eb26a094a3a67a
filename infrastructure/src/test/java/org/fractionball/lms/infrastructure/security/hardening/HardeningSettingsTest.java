package org.fractionball.lms.infrastructure.security.hardening;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HardeningSettingsTest {

    @Test
    void defaults_are_djangos() {
        HardeningSettings settings = HardeningSettings.from(new MockEnvironment());
        assertThat(settings.allowedHosts().patterns()).containsExactly(".localhost", "127.0.0.1", "[::1]");
        assertThat(settings.allowedHostsSet()).isFalse();
        assertThat(settings.sslRedirect()).isFalse();
        assertThat(settings.hstsSeconds()).isZero();
        assertThat(settings.trustedProxies().trustsAnyProxy()).isFalse();
        assertThat(settings.sessionCookieSecure()).isFalse();
        assertThat(settings.csrfCookieSecure()).isFalse();
        assertThat(settings.redirectExempt()).isEmpty();
        assertThat(settings.cors().allowedOrigins()).containsExactly("http://localhost:3000", "http://127.0.0.1:8000");
    }

    @Test
    void the_runbook_variables_are_read() {
        HardeningSettings settings = HardeningSettings.from(new MockEnvironment()
                .withProperty("ALLOWED_HOSTS", "api.example.com")
                .withProperty("SECURE_SSL_REDIRECT", "true")
                .withProperty("SECURE_REDIRECT_EXEMPT", "^actuator/, ^status/$")
                .withProperty("SECURE_HSTS_SECONDS", "31536000")
                .withProperty("TRUSTED_PROXIES", "10.0.0.0/8")
                .withProperty("SESSION_COOKIE_SECURE", "true")
                .withProperty("CSRF_COOKIE_SECURE", "true")
                .withProperty("CORS_ALLOWED_ORIGINS", "https://app.example.com"));
        assertThat(settings.allowedHosts().patterns()).containsExactly("api.example.com");
        assertThat(settings.allowedHostsSet()).isTrue();
        assertThat(settings.sslRedirect()).isTrue();
        assertThat(settings.redirectExempt()).containsExactly("^actuator/", "^status/$");
        assertThat(settings.hstsSeconds()).isEqualTo(31536000);
        assertThat(settings.trustedProxies().isTrustedProxy("10.2.3.4")).isTrue();
        assertThat(settings.sessionCookieSecure()).isTrue();
        assertThat(settings.csrfCookieSecure()).isTrue();
        assertThat(settings.cors().allowedOrigins()).containsExactly("https://app.example.com");
    }

    @Test
    void trusted_proxies_resolve_like_the_throttles_client_addresses() {
        HardeningSettings settings = HardeningSettings.from(new MockEnvironment()
                .withProperty("TRUSTED_PROXIES", "10.0.0.0/8").withProperty("lms.trusted-proxies", "192.168.0.1"));
        assertThat(settings.trustedProxies().isTrustedProxy("192.168.0.1")).isTrue();
        assertThat(settings.trustedProxies().isTrustedProxy("10.2.3.4")).isFalse();
    }

    @Test
    void malformed_values_stop_the_start() {
        assertThatThrownBy(() -> HardeningSettings.from(new MockEnvironment().withProperty("TRUSTED_PROXIES", "lb.internal")))
                .hasMessageContaining("TRUSTED_PROXIES");
        assertThatThrownBy(() -> HardeningSettings.from(new MockEnvironment().withProperty("CORS_ALLOWED_ORIGINS", "*")))
                .hasMessageContaining("CORS_ALLOWED_ORIGINS");
        assertThatThrownBy(() -> HardeningSettings.from(new MockEnvironment().withProperty("SECURE_HSTS_SECONDS", "a year")))
                .isInstanceOf(RuntimeException.class);
        assertThatThrownBy(() -> HardeningSettings.from(new MockEnvironment().withProperty("SECURE_HSTS_SECONDS", "-1"))
                .transport()).hasMessageContaining("SECURE_HSTS_SECONDS");
    }
}
