package org.fractionball.lms.infrastructure.security.hardening;

import org.fractionball.lms.infrastructure.throttling.ClientAddresses;
import org.springframework.core.env.PropertyResolver;

import java.util.Arrays;
import java.util.List;

/**
 * The runbook's security variables, read with Django's meaning and defaults (defaults live here,
 * not in application.yml). Each may be given as an environment variable, a system property or a
 * {@code --NAME=value} argument.
 *
 * @param allowedHosts        {@code ALLOWED_HOSTS} (default {@link AllowedHosts#DEFAULT})
 * @param allowedHostsSet     whether {@code ALLOWED_HOSTS} was given at all
 * @param sslRedirect         {@code SECURE_SSL_REDIRECT} (default false)
 * @param redirectExempt      {@code SECURE_REDIRECT_EXEMPT}: comma-separated regular expressions of
 *                            further paths (without the leading slash) never redirected; default none
 * @param hstsSeconds         {@code SECURE_HSTS_SECONDS} (default 0: no HSTS header)
 * @param trustedProxies      {@code TRUSTED_PROXIES}, or {@code lms.trusted-proxies} which outranks it as
 *                            for the throttle's client addresses (default none)
 * @param sessionCookieSecure {@code SESSION_COOKIE_SECURE} (default false)
 * @param csrfCookieSecure    {@code CSRF_COOKIE_SECURE} (default false)
 * @param cors                {@code CORS_ALLOWED_ORIGINS} (default {@link CorsPolicy#DEFAULT_ORIGINS})
 */
public record HardeningSettings(AllowedHosts allowedHosts, boolean allowedHostsSet, boolean sslRedirect,
                                List<String> redirectExempt, long hstsSeconds, ClientAddresses trustedProxies,
                                boolean sessionCookieSecure, boolean csrfCookieSecure, CorsPolicy cors) {

    /** @throws IllegalArgumentException (or a conversion error) naming the variable that is malformed */
    public static HardeningSettings from(PropertyResolver environment) {
        String hosts = environment.getProperty(AllowedHosts.VARIABLE);
        return new HardeningSettings(
                AllowedHosts.parse(hosts),
                hosts != null && !hosts.isBlank(),
                environment.getProperty("SECURE_SSL_REDIRECT", Boolean.class, false),
                list(environment.getProperty("SECURE_REDIRECT_EXEMPT", "")),
                environment.getProperty("SECURE_HSTS_SECONDS", Long.class, 0L),
                // resolved as ThrottlingConfiguration resolves it, so both always see one list
                ClientAddresses.trusting(environment.getProperty("lms.trusted-proxies",
                        environment.getProperty(ClientAddresses.VARIABLE, ""))),
                environment.getProperty("SESSION_COOKIE_SECURE", Boolean.class, false),
                environment.getProperty("CSRF_COOKIE_SECURE", Boolean.class, false),
                CorsPolicy.parse(environment.getProperty(CorsPolicy.VARIABLE, "")));
    }

    public TransportSecurity transport() {
        return new TransportSecurity(sslRedirect, redirectExempt, hstsSeconds, trustedProxies);
    }

    public SecureCookies cookies() {
        return new SecureCookies(sessionCookieSecure, csrfCookieSecure);
    }

    private static List<String> list(String commaSeparated) {
        return Arrays.stream(commaSeparated.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
