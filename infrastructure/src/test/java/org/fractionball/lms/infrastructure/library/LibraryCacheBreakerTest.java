package org.fractionball.lms.infrastructure.library;

import org.fractionball.lms.query.library.LibraryCacheBreaker;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** The library cache's circuit breaker on a hand-moved clock. */
class LibraryCacheBreakerTest {
    private final AtomicLong clock = new AtomicLong();
    private final LibraryCacheBreaker breaker = new LibraryCacheBreaker(3, Duration.ofSeconds(10), clock::get);
    private final Exception failure = new IllegalStateException("down");

    @Test
    void opensAfterTheThresholdOfFailuresInARow() {
        breaker.failure(failure);
        breaker.failure(failure);
        breaker.success();
        breaker.failure(failure);
        breaker.failure(failure);
        assertThat(breaker.allow()).isTrue();
        breaker.failure(failure);
        assertThat(breaker.allow()).isFalse();
    }

    @Test
    void letsOneProbeThroughPerPeriodAndClosesWhenItSucceeds() {
        for (int i = 0; i < 3; i++) {
            breaker.failure(failure);
        }
        clock.addAndGet(Duration.ofSeconds(9).toNanos());
        assertThat(breaker.allow()).isFalse();
        clock.addAndGet(Duration.ofSeconds(1).toNanos());
        assertThat(breaker.allow()).isTrue();
        assertThat(breaker.allow()).as("one probe at a time").isFalse();
        breaker.failure(failure);
        assertThat(breaker.allow()).isFalse();
        clock.addAndGet(Duration.ofSeconds(10).toNanos());
        assertThat(breaker.allow()).isTrue();
        breaker.success();
        assertThat(breaker.allow()).isTrue();
        assertThat(breaker.allow()).isTrue();
    }

    @Test
    void aProbeThatNeverAnswersDoesNotKeepTheCacheShut() {
        for (int i = 0; i < 3; i++) {
            breaker.failure(failure);
        }
        clock.addAndGet(Duration.ofSeconds(10).toNanos());
        assertThat(breaker.allow()).isTrue();
        clock.addAndGet(Duration.ofSeconds(10).toNanos());
        assertThat(breaker.allow()).isTrue();
    }
}
