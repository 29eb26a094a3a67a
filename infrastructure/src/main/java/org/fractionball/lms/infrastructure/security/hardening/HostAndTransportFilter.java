package org.fractionball.lms.infrastructure.security.hardening;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.fractionball.lms.infrastructure.web.JsonErrors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * The HTTP layer's first checks after the request id, before anything answers or redirects:
 * <ol>
 *   <li>the {@code Host} header must match {@code ALLOWED_HOSTS}, else
 *       {@code 400 {"detail": "Invalid host header."}} (every path, health check included: as
 *       Django's {@code get_host()}, which its middleware calls on every request);</li>
 *   <li>with {@code SECURE_SSL_REDIRECT}, a plain-HTTP request (see {@link TransportSecurity}) is
 *       answered {@code 301} to the same URL on https, except {@code /api/healthz/} (load-balancer
 *       probes) and {@code SECURE_REDIRECT_EXEMPT};</li>
 *   <li>the response passed on marks cookies {@code Secure} as {@link SecureCookies} says.</li>
 * </ol>
 * Its own answers carry the {@link SecurityHeaders} too. Registered by
 * {@link HardeningConfiguration} right after {@code RequestIdFilter} and before
 * {@code TrailingSlashFilter}, so a bad host is refused before any redirect is built.
 */
public class HostAndTransportFilter extends OncePerRequestFilter {
    public static final String INVALID_HOST = "Invalid host header.";
    /** Named like Django's logger so it can be silenced on its own when scanners are noisy. */
    private static final Logger disallowedHosts = LoggerFactory.getLogger("org.fractionball.lms.security.DisallowedHost");

    private final AllowedHosts allowedHosts;
    private final TransportSecurity transport;
    private final SecureCookies cookies;
    private final SecurityHeaders headers;

    public HostAndTransportFilter(AllowedHosts allowedHosts, TransportSecurity transport, SecureCookies cookies,
                                  SecurityHeaders headers) {
        this.allowedHosts = allowedHosts;
        this.transport = transport;
        this.cookies = cookies;
        this.headers = headers;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String host = request.getHeader("Host");
        if (!allowedHosts.allows(host)) {
            disallowedHosts.warn("Invalid Host header {} for {} from {}; add it to ALLOWED_HOSTS if it is this service's",
                    printable(host), printable(request.getRequestURI()), request.getRemoteAddr());
            headers.writeHeadersForNonDocument(request, response);
            JsonErrors.detail(response, 400, INVALID_HOST);
            return;
        }
        String location = transport.redirectLocation(request);
        if (location != null) {
            headers.writeHeadersForNonDocument(request, response);
            response.setStatus(HttpServletResponse.SC_MOVED_PERMANENTLY);
            response.setHeader("Location", location);
            return;
        }
        chain.doFilter(request, cookies.wrap(response));
    }

    /** A header value fit for one log line: quoted, control characters escaped, at most 200 characters. */
    static String printable(String value) {
        if (value == null) {
            return "(none)";
        }
        StringBuilder out = new StringBuilder("'");
        for (int i = 0; i < value.length() && i < 200; i++) {
            char c = value.charAt(i);
            out.append(c < 0x20 || c == 0x7f ? String.format("\\x%02x", (int) c) : String.valueOf(c));
        }
        return out.append(value.length() > 200 ? "…'" : "'").toString();
    }
}
