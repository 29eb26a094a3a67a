package org.fractionball.lms.infrastructure.security.hardening;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.web.header.HeaderWriter;

import java.util.List;

/**
 * The security headers of contract §0.8 plus the CSP of D27, written on every response: by Spring
 * Security's header filter for requests that reach the security chain, and by
 * {@link HostAndTransportFilter} on the answers it gives itself before that (invalid host, HTTPS
 * redirect). A header already set on the response is left alone.
 *
 * <ul>
 *   <li>{@code X-Content-Type-Options: nosniff}, {@code X-Frame-Options: DENY},
 *       {@code Referrer-Policy: same-origin}, {@code Cross-Origin-Opener-Policy: same-origin};</li>
 *   <li>{@code Strict-Transport-Security: max-age=N; includeSubDomains; preload} only when
 *       {@code SECURE_HSTS_SECONDS} is positive and the request is secure ({@link TransportSecurity});</li>
 *   <li>{@code Content-Security-Policy} chosen by path ({@link ContentSecurityPolicies}); the web UI's
 *       pages get {@code pagePolicy}.</li>
 * </ul>
 */
public final class SecurityHeaders implements HeaderWriter {
    public static final String HSTS = "Strict-Transport-Security";

    private final TransportSecurity transport;
    private final String pagePolicy;

    public SecurityHeaders(TransportSecurity transport) {
        this(transport, ContentSecurityPolicies.pages(List.of()));
    }

    public SecurityHeaders(TransportSecurity transport, String pagePolicy) {
        this.transport = transport;
        this.pagePolicy = pagePolicy;
    }

    @Override
    public void writeHeaders(HttpServletRequest request, HttpServletResponse response) {
        setIfAbsent(response, "X-Content-Type-Options", "nosniff");
        setIfAbsent(response, "X-Frame-Options", "DENY");
        setIfAbsent(response, "Referrer-Policy", "same-origin");
        setIfAbsent(response, "Cross-Origin-Opener-Policy", "same-origin");
        String hsts = transport.strictTransportSecurity(request);
        if (hsts != null) {
            setIfAbsent(response, HSTS, hsts);
        }
        String path = request.getRequestURI();
        String contextPath = request.getContextPath();
        if (path != null && contextPath != null && !contextPath.isEmpty() && path.startsWith(contextPath)) {
            path = path.substring(contextPath.length());
        }
        setIfAbsent(response, ContentSecurityPolicies.HEADER,
                ContentSecurityPolicies.isPage(path) ? pagePolicy : ContentSecurityPolicies.forPath(path));
    }

    /**
     * The headers for an answer that is not a page whatever the path (a JSON error, an empty
     * redirect): the strict API policy even under the documentation paths.
     */
    public void writeHeadersForNonDocument(HttpServletRequest request, HttpServletResponse response) {
        setIfAbsent(response, ContentSecurityPolicies.HEADER, ContentSecurityPolicies.API);
        writeHeaders(request, response);
    }

    private static void setIfAbsent(HttpServletResponse response, String name, String value) {
        if (!response.containsHeader(name)) {
            response.setHeader(name, value);
        }
    }
}
