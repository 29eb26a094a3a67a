package org.fractionball.lms.query.library;

import java.util.Optional;

/** Where hot library answers are kept, as JSON under versioned keys. */
public interface LibraryCache {
    /** Keeps nothing: every answer comes from PostgreSQL. */
    LibraryCache NONE = new LibraryCache() {
        @Override
        public boolean enabled() {
            return false;
        }

        @Override
        public Optional<String> get(String key) {
            return Optional.empty();
        }

        @Override
        public void put(String key, String value) {
            // nothing is kept
        }
    };

    /** False when nothing is ever kept, so callers need not build keys. */
    boolean enabled();

    /** The value under {@code key}; empty on a miss and whenever the cache cannot answer in time. */
    Optional<String> get(String key);

    /** Keeps {@code value} under {@code key}, or nothing when the cache cannot take it in time. */
    void put(String key, String value);
}
