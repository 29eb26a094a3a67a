package org.fractionball.lms.infrastructure.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.fractionball.lms.infrastructure.throttling.ClientAddresses;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * First filter of every request: gives it a request id (the client's {@code X-Request-Id} when
 * well-formed), returned in the response and carried into the metadata of every event the
 * request causes, so a log line, a response and an audited event join on one id.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class RequestIdFilter extends OncePerRequestFilter {
    public static final String REQUEST_ID_HEADER = "X-Request-Id";
    public static final String CORRELATION_ID_HEADER = "X-Correlation-Id";
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String requestId = safe(request.getHeader(REQUEST_ID_HEADER));
        if (requestId == null) {
            requestId = UUID.randomUUID().toString();
        }
        String userAgent = request.getHeader("User-Agent");
        RequestContext context = new RequestContext(requestId, safe(request.getHeader(CORRELATION_ID_HEADER)),
                ClientAddresses.clientIp(request), userAgent == null ? "" : truncate(userAgent, 512));
        response.setHeader(REQUEST_ID_HEADER, requestId);
        RequestContext.set(context);
        try {
            chain.doFilter(request, response);
        } finally {
            RequestContext.clear();
        }
    }

    private static String safe(String id) {
        return id != null && SAFE_ID.matcher(id).matches() ? id : null;
    }

    private static String truncate(String value, int max) {
        return value.length() <= max ? value : value.substring(0, max);
    }
}
