package org.fractionball.lms.query.web;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * Answers this node has read or computed, by the versioned keys they are kept under in Redis: an
 * entry is never outdated (a change makes new keys), so hot answers skip the Redis round trip and
 * the JSON parsing. Weighed by the length of their JSON; keeps nothing when sized 0 megabytes.
 */
public final class NearCache<V> {
    private final Cache<String, Entry<V>> entries;

    public NearCache(long megabytes) {
        this.entries = megabytes <= 0 ? null : Caffeine.newBuilder().maximumWeight(megabytes * 1024 * 1024)
                .weigher((String key, Entry<V> entry) -> entry.weight()).build();
    }

    /** The value under {@code key}, or null. */
    public V get(String key) {
        Entry<V> entry = entries == null ? null : entries.getIfPresent(key);
        return entry == null ? null : entry.value();
    }

    public void put(String key, V value, String json) {
        if (entries != null) {
            entries.put(key, new Entry<>(value, json.length()));
        }
    }

    private record Entry<V>(V value, int weight) {
    }
}
