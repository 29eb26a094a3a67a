package org.fractionball.lms.infrastructure.throttling;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;

import java.time.Duration;

/**
 * Buckets in this process, for a single node without Redis. Bounded: at most {@code maxBuckets}
 * are kept, and one untouched for {@code idle} (the longest period of any rate, after which it
 * would be full again anyway) is dropped.
 */
public final class LocalThrottleBuckets implements ThrottleBuckets {
    private final Cache<String, Bucket> buckets;
    private final long maxBuckets;
    private final TimeMeter clock;

    public LocalThrottleBuckets(long maxBuckets, Duration idle) {
        this(maxBuckets, idle, TimeMeter.SYSTEM_MILLISECONDS);
    }

    /** With the clock the buckets refill by (tests move it by hand). */
    LocalThrottleBuckets(long maxBuckets, Duration idle, TimeMeter clock) {
        this.maxBuckets = maxBuckets;
        this.clock = clock;
        this.buckets = Caffeine.newBuilder().maximumSize(maxBuckets).expireAfterAccess(idle).build();
    }

    @Override
    public Bucket bucket(String key, ThrottleRate rate) {
        return buckets.get(key, ignored -> Bucket.builder().addLimit(ThrottleBuckets.bandwidth(rate))
                .withCustomTimePrecision(clock).build());
    }

    @Override
    public String describe() {
        return "in process (at most " + maxBuckets + " buckets; one node only)";
    }
}
