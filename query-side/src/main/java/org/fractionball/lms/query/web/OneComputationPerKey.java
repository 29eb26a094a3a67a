package org.fractionball.lms.query.web;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Concurrent cache misses of one key wait for the first one's computation instead of each
 * computing it (and each holding a pooled connection meanwhile): the waiters get the same value,
 * or the same refusal or failure. Nothing is kept once the computation is over.
 */
public final class OneComputationPerKey<V> {
    private final Map<String, CompletableFuture<V>> inFlight = new ConcurrentHashMap<>();

    public V compute(String key, Supplier<V> computation) {
        CompletableFuture<V> mine = new CompletableFuture<>();
        CompletableFuture<V> running = inFlight.putIfAbsent(key, mine);
        if (running != null) {
            try {
                return running.join();
            } catch (CompletionException failed) {
                throw failed.getCause() instanceof RuntimeException cause ? cause : failed;
            }
        }
        try {
            V value = computation.get();
            mine.complete(value);
            return value;
        } catch (RuntimeException failure) {
            mine.completeExceptionally(failure);
            throw failure;
        } finally {
            inFlight.remove(key, mine);
        }
    }
}
