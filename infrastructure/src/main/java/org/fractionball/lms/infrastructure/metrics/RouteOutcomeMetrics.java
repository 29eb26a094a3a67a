package org.fractionball.lms.infrastructure.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.fractionball.lms.events.shared.Caller;
import org.fractionball.lms.infrastructure.web.RequestContext;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

import java.util.Map;

/**
 * The runbook's business metrics that follow from how a request ended: upload completions
 * ({@code lms.uploads}) and video stream starts ({@code lms.video.streams}) by outcome (success for
 * 2xx/3xx, rejected for 4xx, error for 5xx), and the caller of every authenticated request for
 * {@link DailyActiveUsers}.
 */
@Component
public class RouteOutcomeMetrics implements HandlerInterceptor {
    static final Map<String, String> COUNTED_ROUTES = Map.of(
            "/api/uploads/complete/", "lms.uploads",
            "/api/bulk/upload/", "lms.uploads",
            "/api/videos/{id}/stream/", "lms.video.streams");

    private final MeterRegistry meters;
    private final DailyActiveUsers activeUsers;

    public RouteOutcomeMetrics(MeterRegistry meters, DailyActiveUsers activeUsers) {
        this.meters = meters;
        this.activeUsers = activeUsers;
    }

    @Override
    public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler,
                                Exception failure) {
        Object route = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        String counter = route == null ? null : COUNTED_ROUTES.get(route.toString());
        if (counter != null) {
            int status = failure != null && response.getStatus() < 400 ? 500 : response.getStatus();
            meters.counter(counter, "route", route.toString(), "outcome", outcome(status)).increment();
        }
        RequestContext context = RequestContext.current();
        Caller caller = context == null ? null : context.caller();
        if (caller != null) {
            activeUsers.seen(caller.userId());
        }
    }

    static String outcome(int status) {
        return status >= 500 ? "error" : status >= 400 ? "rejected" : "success";
    }
}
