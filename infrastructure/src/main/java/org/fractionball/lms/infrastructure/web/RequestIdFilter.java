package org.fractionball.lms.infrastructure.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.fractionball.lms.events.shared.Caller;
import org.fractionball.lms.infrastructure.throttling.ClientAddresses;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerMapping;

import java.io.IOException;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * First filter of every request: gives it a request id (the client's {@code X-Request-Id} when
 * well-formed), returned in the response and carried into the metadata of every event the
 * request causes, so a log line, a response and an audited event join on one id. The ids are in
 * the logging context of every line logged while serving the request (user and school join once
 * the caller is known, see {@link RequestContext#caller(Caller)}), and the request ends with one
 * access line ({@value #ACCESS_LOGGER}) carrying its route, status and latency.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class RequestIdFilter extends OncePerRequestFilter {
    public static final String REQUEST_ID_HEADER = "X-Request-Id";
    public static final String CORRELATION_ID_HEADER = "X-Correlation-Id";
    public static final String ACCESS_LOGGER = "org.fractionball.lms.access";
    private static final Logger access = LoggerFactory.getLogger(ACCESS_LOGGER);
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
        MDC.put(LogFields.REQUEST_ID, requestId);
        MDC.put(LogFields.CORRELATION_ID, context.correlationId());
        long start = System.nanoTime();
        try {
            chain.doFilter(request, response);
        } finally {
            logAccess(request, response, start);
            RequestContext.clear();
            LogFields.clear();
        }
    }

    private static void logAccess(HttpServletRequest request, HttpServletResponse response, long start) {
        long latencyMs = (System.nanoTime() - start) / 1_000_000;
        Object route = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        MDC.put(LogFields.ROUTE, route != null ? route.toString() : request.getRequestURI());
        MDC.put(LogFields.STATUS, Integer.toString(response.getStatus()));
        MDC.put(LogFields.LATENCY_MS, Long.toString(latencyMs));
        MDC.put(LogFields.METHOD, request.getMethod());
        String path = request.getRequestURI();
        // probes and scrapes arrive every few seconds from every balancer and Prometheus
        boolean probe = path.startsWith("/actuator/") || path.equals("/api/healthz/") || path.equals("/api/readyz/");
        if (probe) {
            access.debug("{} {} {} {} ms", request.getMethod(), path, response.getStatus(), latencyMs);
        } else {
            access.info("{} {} {} {} ms", request.getMethod(), path, response.getStatus(), latencyMs);
        }
    }

    private static String safe(String id) {
        return id != null && SAFE_ID.matcher(id).matches() ? id : null;
    }

    private static String truncate(String value, int max) {
        return value.length() <= max ? value : value.substring(0, max);
    }
}
