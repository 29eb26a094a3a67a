package org.fractionball.lms.infrastructure.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.fractionball.lms.events.security.LoginFailed;
import org.fractionball.lms.infrastructure.web.RequestContext;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Duration;

/**
 * Every failed authentication is counted ({@code lms.auth.failures}, tagged by reason and whether
 * it was stored) and appended to the event store as {@link LoginFailed}, with the client address
 * and user agent in its metadata — at most {@code lms.auth.failed-login-events-per-minute} per
 * client and node, so a flood cannot fill the store.
 */
@Component
public class FailedLogins {
    private final EventGateway events;
    private final MeterRegistry meters;
    private final long perMinute;
    private final Cache<String, Bucket> buckets = Caffeine.newBuilder().maximumSize(100_000)
            .expireAfterAccess(Duration.ofMinutes(5)).build();

    public FailedLogins(EventGateway events, MeterRegistry meters,
                        @Value("${lms.auth.failed-login-events-per-minute:20}") long perMinute) {
        this.events = events;
        this.meters = meters;
        this.perMinute = perMinute;
    }

    public void record(String reason, String firebaseUid) {
        RequestContext context = RequestContext.current();
        String client = context == null ? "" : context.clientIp();
        boolean stored = buckets.get(client, key -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1)).build())
                .build()).tryConsume(1);
        if (stored) {
            events.publish(new LoginFailed(reason, firebaseUid));
        }
        meters.counter("lms.auth.failures", "reason", reason, "stored", Boolean.toString(stored)).increment();
    }
}
