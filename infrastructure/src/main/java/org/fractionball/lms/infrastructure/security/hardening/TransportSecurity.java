package org.fractionball.lms.infrastructure.security.hardening;

import jakarta.servlet.http.HttpServletRequest;
import org.fractionball.lms.infrastructure.throttling.ClientAddresses;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Whether a request arrived over HTTPS, where a plain-HTTP request is sent
 * ({@code SECURE_SSL_REDIRECT}), and the {@code Strict-Transport-Security} value
 * ({@code SECURE_HSTS_SECONDS}), with Django's meaning.
 *
 * <p>Secure means: the connection to this server is TLS, or the peer is one of
 * {@code TRUSTED_PROXIES} and its {@code X-Forwarded-Proto} says {@code https} (the first value
 * when a proxy appended to it, as Django reads it). From any other peer the header is ignored:
 * a client cannot talk its way out of the redirect nor into an HSTS header on plain HTTP.
 */
public final class TransportSecurity {
    public static final String HEALTH_PATH = "/api/healthz/";
    /** Probed by load balancers over plain HTTP too, like the liveness path. */
    public static final String READY_PATH = "/api/readyz/";
    static final String FORWARDED_PROTO = "X-Forwarded-Proto";

    private final boolean sslRedirect;
    private final List<Pattern> redirectExempt;
    private final long hstsSeconds;
    private final ClientAddresses trustedProxies;

    /**
     * @param redirectExempt extra exemptions from the redirect: regular expressions searched in the
     *                       path without its leading slash (Django's {@code SECURE_REDIRECT_EXEMPT});
     *                       {@value #HEALTH_PATH} and {@value #READY_PATH} are always exempt
     */
    public TransportSecurity(boolean sslRedirect, List<String> redirectExempt, long hstsSeconds,
                             ClientAddresses trustedProxies) {
        if (hstsSeconds < 0) {
            throw new IllegalArgumentException("SECURE_HSTS_SECONDS must be 0 (no HSTS) or positive, got " + hstsSeconds);
        }
        this.sslRedirect = sslRedirect;
        List<Pattern> exempt = new ArrayList<>();
        exempt.add(Pattern.compile("^" + Pattern.quote(HEALTH_PATH.substring(1)) + "$"));
        exempt.add(Pattern.compile("^" + Pattern.quote(READY_PATH.substring(1)) + "$"));
        redirectExempt.forEach(regex -> exempt.add(Pattern.compile(regex)));
        this.redirectExempt = List.copyOf(exempt);
        this.hstsSeconds = hstsSeconds;
        this.trustedProxies = trustedProxies;
    }

    public boolean isSecure(HttpServletRequest request) {
        if (request.isSecure()) {
            return true;
        }
        String forwarded = request.getHeader(FORWARDED_PROTO);
        if (forwarded == null || !trustedProxies.isTrustedProxy(request.getRemoteAddr())) {
            return false;
        }
        int comma = forwarded.indexOf(',');
        String first = (comma < 0 ? forwarded : forwarded.substring(0, comma)).trim();
        return first.equalsIgnoreCase("https");
    }

    /**
     * The {@code Location} of the 301 to HTTPS (same Host header, path and query, as Django's
     * SecurityMiddleware builds it), or null when this request is served as it is.
     */
    public String redirectLocation(HttpServletRequest request) {
        if (!sslRedirect || isSecure(request)) {
            return null;
        }
        String path = request.getRequestURI();
        String relative = path.startsWith("/") ? path.substring(1) : path;
        for (Pattern exempt : redirectExempt) {
            if (exempt.matcher(relative).find()) {
                return null;
            }
        }
        String query = request.getQueryString();
        return "https://" + request.getHeader("Host") + path + (query == null ? "" : "?" + query);
    }

    /** The HSTS header value for a secure request, or null when {@code SECURE_HSTS_SECONDS} is 0 or the request is not secure. */
    public String strictTransportSecurity(HttpServletRequest request) {
        if (hstsSeconds == 0 || !isSecure(request)) {
            return null;
        }
        return "max-age=" + hstsSeconds + "; includeSubDomains; preload";
    }
}
