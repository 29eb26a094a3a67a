package org.fractionball.lms.query.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.fractionball.lms.query.library.LibraryCache;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Answers kept under versioned keys (a key holds the versions of what the answer shows, so a change
 * makes new keys and an entry is never outdated): first this node's {@link NearCache}, then Redis
 * (the library cache, with its breaker and Redis-down fallback), then one computation per key at a
 * time ({@link OneComputationPerKey}), whose answer is kept in both under the key it says it belongs
 * to. Near hits count in {@code lms.library.cache{result=near}}.
 */
public final class VersionedAnswers<V> {
    private final LibraryCache cache;
    private final NearCache<V> near;
    private final OneComputationPerKey<V> computations = new OneComputationPerKey<>();
    private final Counter nearHits;

    public VersionedAnswers(LibraryCache cache, long nearCacheMegabytes, MeterRegistry meters) {
        this.cache = cache;
        this.near = new NearCache<>(nearCacheMegabytes);
        this.nearHits = Counter.builder("lms.library.cache").tag("result", "near")
                .description("Cached answers served from this node's near cache, before Redis").register(meters);
    }

    /**
     * A read-only REPEATABLE READ transaction, for computing an answer together with the versions it is
     * kept under: both come from one state of the read tables.
     */
    public static TransactionTemplate snapshot(PlatformTransactionManager transactions) {
        TransactionTemplate snapshot = new TransactionTemplate(transactions);
        snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        snapshot.setReadOnly(true);
        return snapshot;
    }

    /** A JSON tree kept by this release, or empty for one another release wrote that this one cannot read. */
    public static Optional<JsonNode> tree(ObjectMapper json, String entry) {
        try {
            return Optional.of(json.readTree(entry));
        } catch (JsonProcessingException unreadable) {
            return Optional.empty();
        }
    }

    /** False when no cache is configured: every answer is then computed. */
    public boolean enabled() {
        return cache.enabled();
    }

    /**
     * The answer under {@code key}. {@code read} turns a Redis entry into the answer, or empty when the
     * entry is unreadable (written by another release: computed afresh and overwritten). {@code compute}
     * reads the versions with the figures and says which key its answer belongs under; a null value is
     * returned but kept nowhere.
     */
    public V get(String key, Function<String, Optional<V>> read, Supplier<Computed<V>> compute) {
        V nearby = near.get(key);
        if (nearby != null) {
            nearHits.increment();
            return nearby;
        }
        Optional<String> hit = cache.get(key);
        if (hit.isPresent()) {
            Optional<V> value = read.apply(hit.get());
            if (value.isPresent()) {
                near.put(key, value.get(), hit.get());
                return value.get();
            }
        }
        return computations.compute(key, () -> {
            Computed<V> computed = compute.get();
            if (computed.value() != null) {
                near.put(computed.key(), computed.value(), computed.json());
                cache.put(computed.key(), computed.json());
            }
            return computed.value();
        });
    }

    /** An answer, its JSON, and the key of the versions it was computed at. */
    public record Computed<V>(String key, V value, String json) {
    }
}
