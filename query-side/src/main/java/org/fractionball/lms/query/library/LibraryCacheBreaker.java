package org.fractionball.lms.query.library;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * A circuit breaker in front of Redis: after {@code threshold} failures in a row the cache is not
 * asked for {@code openFor}, so a dead or slow Redis costs requests nothing; then a single request
 * probes it (another one every {@code openFor} while no probe has answered). Opening and closing
 * are logged once each.
 */
public final class LibraryCacheBreaker {
    private static final Logger log = LoggerFactory.getLogger(LibraryCacheBreaker.class);

    private enum State { CLOSED, OPEN, PROBING }

    private final int threshold;
    private final long openForNanos;
    private final LongSupplier nanoTime;
    private State state = State.CLOSED;
    private int failures;
    private long since;

    public LibraryCacheBreaker(int threshold, Duration openFor, LongSupplier nanoTime) {
        if (threshold < 1) {
            throw new IllegalArgumentException("threshold must be at least 1");
        }
        this.threshold = threshold;
        this.openForNanos = openFor.toNanos();
        this.nanoTime = nanoTime;
    }

    /** Whether this call may use Redis; every call that may must report {@link #success} or {@link #failure}. */
    public synchronized boolean allow() {
        if (state == State.CLOSED) {
            return true;
        }
        long now = nanoTime.getAsLong();
        if (now - since < openForNanos) {
            return false;
        }
        state = State.PROBING;
        since = now;
        return true;
    }

    public synchronized void success() {
        failures = 0;
        if (state != State.CLOSED) {
            state = State.CLOSED;
            log.info("Library cache: Redis answers again; caching resumed");
        }
    }

    public synchronized void failure(Exception cause) {
        failures++;
        if (state == State.CLOSED && failures < threshold) {
            return;
        }
        if (state == State.CLOSED) {
            log.warn("Library cache: Redis failed {} times in a row ({}); answering from PostgreSQL, probing "
                    + "every {} ms", failures, cause.toString(), openForNanos / 1_000_000);
        }
        state = State.OPEN;
        since = nanoTime.getAsLong();
    }
}
