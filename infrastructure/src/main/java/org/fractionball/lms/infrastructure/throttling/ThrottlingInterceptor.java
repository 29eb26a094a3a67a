package org.fractionball.lms.infrastructure.throttling;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.EstimationProbe;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.fractionball.lms.events.shared.Caller;
import org.fractionball.lms.infrastructure.web.JsonErrors;
import org.fractionball.lms.infrastructure.web.RequestContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.resource.ResourceHttpRequestHandler;

import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * Contract §0.7: takes a token from every bucket a request counts against ({@link ThrottleRules})
 * and answers {@code 429} with {@code Retry-After} when one is empty. It runs as a handler
 * interceptor, so after authentication and the role check (a request refused with 401/403 never
 * counts) and before the controller. A refused request gives back the tokens it took, so it costs
 * the client nothing. If the buckets cannot be reached (Redis down) the request passes: throttling
 * protects the service, it must not take it down.
 */
public class ThrottlingInterceptor implements HandlerInterceptor {
    public static final String COUNTER = "lms.http.throttled";
    private static final Logger log = LoggerFactory.getLogger(ThrottlingInterceptor.class);
    private static final String CHECKED = ThrottlingInterceptor.class.getName() + ".checked";
    private static final long WARN_EVERY_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final ThrottleRules rules;
    private final ThrottleBuckets buckets;
    private final Predicate<Caller> switchedOnFor;
    private final Map<ThrottleScope, Counter> throttled = new EnumMap<>(ThrottleScope.class);
    private final AtomicLong lastWarning = new AtomicLong(System.nanoTime() - WARN_EVERY_NANOS);

    /**
     * {@code switchedOnFor} tells whether throttling applies to a caller ({@code null}: anonymous) at
     * all: the feature flag {@code api_rate_limiting_enabled}, asked on every request.
     */
    public ThrottlingInterceptor(ThrottleRules rules, ThrottleBuckets buckets, MeterRegistry meters,
                                 Predicate<Caller> switchedOnFor) {
        this.rules = rules;
        this.buckets = buckets;
        this.switchedOnFor = switchedOnFor;
        for (ThrottleScope scope : ThrottleScope.values()) {
            throttled.put(scope, Counter.builder(COUNTER).tag("scope", scope.tag())
                    .description("Requests answered 429 by the throttle, by the limit that refused them")
                    .register(meters));
        }
    }

    /** The outcome for one request: allowed, or refused by {@code scope} for {@code waitNanos}. */
    public record Decision(boolean allowed, ThrottleScope scope, long waitNanos) {
        static final Decision ALLOWED = new Decision(true, null, 0);

        /** Whole seconds until the request would pass, rounded up, at least 1. */
        public long waitSeconds() {
            return Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L);
        }
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws IOException {
        if (request.getDispatcherType() != DispatcherType.REQUEST || request.getAttribute(CHECKED) != null
                || handler instanceof ResourceHttpRequestHandler) {
            // an async or error re-dispatch was counted already; no endpoint (404) is not an API call
            return true;
        }
        request.setAttribute(CHECKED, Boolean.TRUE);
        Caller caller = caller();
        if (!switchedOnFor.test(caller)) {
            return true;
        }
        List<ThrottleRules.Limit> limits = rules.limitsFor(pathOf(request), caller, clientIp(request));
        if (limits.isEmpty()) {
            return true;
        }
        Decision decision;
        try {
            decision = decide(limits);
        } catch (RuntimeException unavailable) {
            warn(unavailable);
            return true;
        }
        if (decision.allowed()) {
            return true;
        }
        throttled.get(decision.scope()).increment();
        long seconds = decision.waitSeconds();
        response.setHeader("Retry-After", Long.toString(seconds));
        JsonErrors.detail(response, 429, message(seconds));
        return false;
    }

    /** Takes a token from every bucket, or from none: a refusal gives back what was taken. */
    Decision decide(List<ThrottleRules.Limit> limits) {
        List<Bucket> taken = new ArrayList<>(limits.size());
        for (int i = 0; i < limits.size(); i++) {
            ThrottleRules.Limit limit = limits.get(i);
            Bucket bucket = buckets.bucket(limit.key(), limit.rate());
            ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
            if (probe.isConsumed()) {
                taken.add(bucket);
                continue;
            }
            for (Bucket giveBack : taken) {
                giveBack.addTokens(1);
            }
            long wait = probe.getNanosToWaitForRefill();
            // the client has to wait for the slowest of the limits it still needs
            for (ThrottleRules.Limit later : limits.subList(i + 1, limits.size())) {
                EstimationProbe estimate = buckets.bucket(later.key(), later.rate()).estimateAbilityToConsume(1);
                if (!estimate.canBeConsumed()) {
                    wait = Math.max(wait, estimate.getNanosToWaitForRefill());
                }
            }
            return new Decision(false, limit.scope(), wait);
        }
        return Decision.ALLOWED;
    }

    /** The contract's text: {@code Request was throttled. Expected available in N seconds.} */
    public static String message(long seconds) {
        return "Request was throttled. Expected available in " + seconds + (seconds == 1 ? " second." : " seconds.");
    }

    private static String pathOf(HttpServletRequest request) {
        String uri = request.getRequestURI();
        String contextPath = request.getContextPath();
        return contextPath != null && !contextPath.isEmpty() && uri.startsWith(contextPath)
                ? uri.substring(contextPath.length()) : uri;
    }

    private static Caller caller() {
        RequestContext context = RequestContext.current();
        if (context != null && context.caller() != null) {
            return context.caller();
        }
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null && authentication.getPrincipal() instanceof Caller caller ? caller : null;
    }

    private static String clientIp(HttpServletRequest request) {
        RequestContext context = RequestContext.current();
        String ip = context == null ? null : context.clientIp();
        return ip != null && !ip.isBlank() ? ip : ClientAddresses.clientIp(request);
    }

    private void warn(RuntimeException unavailable) {
        long now = System.nanoTime();
        long last = lastWarning.get();
        if (now - last >= WARN_EVERY_NANOS && lastWarning.compareAndSet(last, now)) {
            log.warn("Throttle buckets unavailable, letting requests through: {}", unavailable.toString(), unavailable);
        }
    }
}
