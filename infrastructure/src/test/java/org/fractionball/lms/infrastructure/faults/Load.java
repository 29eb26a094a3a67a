package org.fractionball.lms.infrastructure.faults;

import org.fractionball.lms.infrastructure.support.Api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Steady load for the outage drills: each worker alternates a write (registering a school with a
 * fresh domain) and a read (the schools list), recording every answer with its time.
 */
final class Load implements AutoCloseable {
    /** One answer: when it was sent (ms since the load started), how long it took, what came back. */
    record Outcome(long sentAtMillis, long millis, boolean write, String domain, int status, String body) {
    }

    private final Api api;
    private final String token;
    private final long started = System.nanoTime();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<Outcome> outcomes = Collections.synchronizedList(new ArrayList<>());
    private final ExecutorService workers;

    Load(Api api, String adminToken, int workers) {
        this.api = api;
        this.token = adminToken;
        this.workers = Executors.newFixedThreadPool(workers);
        for (int i = 0; i < workers; i++) {
            this.workers.submit(this::work);
        }
    }

    private void work() {
        while (running.get()) {
            String domain = "load-" + UUID.randomUUID().toString().substring(0, 12) + ".edu";
            send(true, domain, api.post("/api/schools/", "{\"name\": \"Load " + domain + "\", \"domain\": \""
                    + domain + "\"}"));
            send(false, null, api.get("/api/schools/?page_size=5"));
        }
    }

    /** Records the answer; status 0 when none came (connection refused or reset: the node is gone). */
    private void send(boolean write, String domain, Api.Request request) {
        long sent = System.nanoTime();
        int status;
        String body;
        try {
            Api.Response response = request.token(token).send();
            status = response.status();
            body = response.text();
        } catch (RuntimeException noAnswer) {
            status = 0;
            body = noAnswer.toString();
        }
        outcomes.add(new Outcome(TimeUnit.NANOSECONDS.toMillis(sent - started),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sent), write, domain, status, body));
    }

    /** Domains of the schools whose registration was acknowledged (201). */
    List<String> acknowledged() {
        return outcomes().stream().filter(o -> o.write() && o.status() == 201).map(Outcome::domain).toList();
    }

    long elapsedMillis() {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    }

    List<Outcome> outcomes() {
        synchronized (outcomes) {
            return List.copyOf(outcomes);
        }
    }

    /** Stops the workers; every request they sent has been answered (none hangs). */
    @Override
    public void close() throws InterruptedException {
        running.set(false);
        workers.shutdown();
        assertThat(workers.awaitTermination(30, TimeUnit.SECONDS)).as("every load request answered").isTrue();
    }
}
