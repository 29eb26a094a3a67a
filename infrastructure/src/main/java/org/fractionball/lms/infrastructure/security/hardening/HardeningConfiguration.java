package org.fractionball.lms.infrastructure.security.hardening;

import jakarta.servlet.DispatcherType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.ServletContextInitializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * Wires the HTTP hardening from the runbook's variables ({@link HardeningSettings}): the
 * host/HTTPS filter, the security headers and CORS used by {@code SecurityConfiguration}, and the
 * container's session cookie.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
public class HardeningConfiguration {
    private static final Logger log = LoggerFactory.getLogger(HardeningConfiguration.class);

    /**
     * Order of the host/HTTPS filter. {@code RequestIdFilter} is {@code HIGHEST_PRECEDENCE} (so the
     * 400 and 301 still carry {@code X-Request-Id}); {@code TrailingSlashFilter} is
     * {@code HIGHEST_PRECEDENCE + 1}, and there is no integer in between. This filter shares that
     * order and still runs first: Spring Boot lists registration beans like this one before the
     * {@code @Component} filters it adapts, then sorts stably by order. {@code HardeningIT} pins
     * it (a bad host on a slash-less path gets the 400, not the trailing-slash 301).
     */
    public static final int FILTER_ORDER = Ordered.HIGHEST_PRECEDENCE + 1;

    @Bean
    public HardeningSettings hardeningSettings(Environment environment) {
        HardeningSettings settings = HardeningSettings.from(environment);
        log.info("HTTP hardening: ALLOWED_HOSTS={}{}, SECURE_SSL_REDIRECT={}, SECURE_HSTS_SECONDS={}, "
                        + "TRUSTED_PROXIES={}, CORS_ALLOWED_ORIGINS={}", settings.allowedHosts(),
                settings.allowedHostsSet() ? "" : " (default)", settings.sslRedirect(), settings.hstsSeconds(),
                settings.trustedProxies().entries(), settings.cors());
        return settings;
    }

    @Bean
    public SecurityHeaders securityHeaders(HardeningSettings settings, Environment environment) {
        return new SecurityHeaders(settings.transport(), ContentSecurityPolicies.pages(pageOrigins(environment)));
    }

    /**
     * Origins the web UI's pages call besides this one and Firebase's: the Auth emulator when
     * configured, and the filesystem store's own base URL when it is set (uploads are PUT there).
     */
    static List<String> pageOrigins(Environment environment) {
        List<String> origins = new ArrayList<>();
        String emulator = environment.getProperty("FIREBASE_AUTH_EMULATOR_HOST", "").strip();
        if (!emulator.isEmpty()) {
            origins.add("http://" + emulator);
        }
        String storageBase = environment.getProperty("lms.storage.filesystem.base-url", "").strip();
        if (!storageBase.isEmpty()) {
            URI uri = URI.create(storageBase);
            origins.add(uri.getScheme() + "://" + uri.getAuthority());
        }
        return origins;
    }

    @Bean
    public CorsPolicy corsPolicy(HardeningSettings settings) {
        return settings.cors();
    }

    @Bean
    public FilterRegistrationBean<HostAndTransportFilter> hostAndTransportFilter(HardeningSettings settings,
                                                                                SecurityHeaders headers) {
        FilterRegistrationBean<HostAndTransportFilter> registration = new FilterRegistrationBean<>(
                new HostAndTransportFilter(settings.allowedHosts(), settings.transport(), settings.cookies(), headers));
        registration.setName("hostAndTransportFilter");
        registration.setOrder(FILTER_ORDER);
        registration.setDispatcherTypes(DispatcherType.REQUEST);
        registration.addUrlPatterns("/*");
        return registration;
    }

    /**
     * {@code SESSION_COOKIE_SECURE} for the cookie the container itself sets when a session is
     * created (it bypasses response wrappers). The API is stateless, so none is set today.
     */
    @Bean
    public ServletContextInitializer sessionCookieSecurity(HardeningSettings settings) {
        return servletContext -> {
            if (settings.sessionCookieSecure()) {
                servletContext.getSessionCookieConfig().setSecure(true);
            }
        };
    }
}
