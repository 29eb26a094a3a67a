package org.fractionball.lms.query.web;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OneComputationPerKeyTest {
    private final OneComputationPerKey<String> computations = new OneComputationPerKey<>();

    @Test
    void a_concurrent_miss_of_the_same_key_gets_the_first_computation_s_value() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger runs = new AtomicInteger();
        CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> computations.compute("k", () -> {
            runs.incrementAndGet();
            started.countDown();
            await(release);
            return "answer";
        }));
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
        AtomicReference<String> second = new AtomicReference<>();
        Thread waiter = new Thread(() -> second.set(computations.compute("k", () -> {
            runs.incrementAndGet();
            return "second";
        })));
        waiter.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        // parked on the first computation, not yet computing or finished
        while (waiter.getState() != Thread.State.WAITING && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(waiter.getState()).isEqualTo(Thread.State.WAITING);
        release.countDown();
        waiter.join(5_000);

        assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo("answer");
        assertThat(second.get()).isEqualTo("answer");
        assertThat(runs.get()).isEqualTo(1);
    }

    @Test
    void a_failure_reaches_the_caller_and_the_next_miss_computes_again() {
        IllegalStateException refused = new IllegalStateException("refused");
        assertThatThrownBy(() -> computations.compute("k", () -> {
            throw refused;
        })).isSameAs(refused);

        assertThat(computations.compute("k", () -> "again")).isEqualTo("again");
    }

    @Test
    void other_keys_compute_on_their_own() {
        assertThat(computations.compute("a", () -> "A")).isEqualTo("A");
        assertThat(computations.compute("b", () -> "B")).isEqualTo("B");
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(5, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }
}
