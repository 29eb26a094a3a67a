package org.fractionball.lms.infrastructure.throttling;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;

/** Where the token buckets live: in Redis, shared by every node, or in this process. */
public interface ThrottleBuckets {

    /** The bucket under {@code key}, created full with {@code rate} on first use. */
    Bucket bucket(String key, ThrottleRate rate);

    /** Where the buckets live, for the startup log. */
    String describe();

    /**
     * {@code limit} tokens, refilled greedily at {@code limit} per period: a full bucket allows a
     * burst of the whole limit, then one request per {@code period / limit}.
     */
    static Bandwidth bandwidth(ThrottleRate rate) {
        return Bandwidth.builder().capacity(rate.limit()).refillGreedy(rate.limit(), rate.period()).build();
    }

    static BucketConfiguration configuration(ThrottleRate rate) {
        return BucketConfiguration.builder().addLimit(bandwidth(rate)).build();
    }
}
