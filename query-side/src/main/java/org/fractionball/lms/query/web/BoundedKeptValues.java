package org.fractionball.lms.query.web;

import com.github.benmanes.caffeine.cache.Caffeine;
import org.fractionball.lms.projections.KeptValues;

import java.time.Duration;

/** {@link KeptValues} in a bounded map whose entries also expire: the safety net of a node's kept copies. */
public final class BoundedKeptValues {

    private BoundedKeptValues() {
    }

    /** At most {@code maximumSize} values, each kept at most {@code keepAtMost} after it was read. */
    public static <K, V> KeptValues<K, V> of(long maximumSize, Duration keepAtMost) {
        return new KeptValues<>(Caffeine.newBuilder().maximumSize(maximumSize).expireAfterWrite(keepAtMost)
                .<K, KeptValues.Kept<V>>build().asMap());
    }
}
