package org.fractionball.lms.projections;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Values read from read tables and kept on this node for a {@link ReadModelSubscriber}: served
 * only while the node hears every change, dropped when it hears one. Each value carries the
 * generation it was read in, and {@link #invalidate} moves the generation on before it clears the
 * values, so a read that raced a change is never served again.
 */
public final class KeptValues<K, V> {
    private final Map<K, Kept<V>> values;
    private final AtomicLong generation = new AtomicLong();
    private volatile boolean hearing;

    /** {@code values}: where they are kept (bounded or not, as the owner needs). */
    public KeptValues(Map<K, Kept<V>> values) {
        this.values = values;
    }

    /** The value under {@code key}: kept, or read now (and kept unless null, which is never kept). */
    public V get(K key, Supplier<V> read) {
        long current = generation.get();
        if (hearing) {
            Kept<V> kept = values.get(key);
            if (kept != null && kept.generation() == current) {
                return kept.value();
            }
        }
        V value = read.get();
        if (value != null && hearing) {
            values.put(key, new Kept<>(value, current));
        }
        return value;
    }

    public void invalidate() {
        generation.incrementAndGet();
        values.clear();
    }

    public void hearing(boolean hearing) {
        this.hearing = hearing;
    }

    /** A value and the generation it was read in. */
    public record Kept<V>(V value, long generation) {
    }
}
