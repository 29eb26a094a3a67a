package org.fractionball.lms.infrastructure.web;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.fractionball.lms.events.shared.Role;
import org.fractionball.lms.infrastructure.support.Api;
import org.fractionball.lms.infrastructure.support.IntegrationTest;
import org.fractionball.lms.projections.ProjectionNames;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Architecture §4: a caller's queries wait (bounded) for the projections to pass its last write;
 * {@code X-Min-Position} makes any caller wait for a given position. The projection is held back
 * by stopping its processor, so the waiting is observable.
 */
class ReadYourWritesIT extends IntegrationTest {

    @Autowired
    private EventProcessingConfiguration processing;

    private TrackingEventProcessor processor;
    private String writer;
    private String reader;

    @BeforeEach
    void twoAdmins() {
        long home = school(unique("ryw") + ".edu");
        writer = tokenFor(user(Role.ADMIN, home));
        reader = tokenFor(user(Role.ADMIN, home));
        processor = processing.eventProcessor(ProjectionNames.ACCOUNTS, TrackingEventProcessor.class).orElseThrow();
    }

    @AfterEach
    void restart() {
        if (!processor.isRunning()) {
            processor.start();
        }
        awaitProjections();
    }

    @Test
    void the_writer_reads_its_own_write_even_while_the_projection_lags() {
        processor.shutDown();
        long id = register(writer);
        CompletableFuture.runAsync(processor::start, CompletableFuture.delayedExecutor(400, TimeUnit.MILLISECONDS));

        long started = System.nanoTime();
        Api.Response read = api().get("/api/schools/" + id + "/").token(writer).send();

        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().get("id").asLong()).isEqualTo(id);
        assertThat(elapsedMillis(started)).isGreaterThanOrEqualTo(300);
    }

    @Test
    void another_caller_waits_for_an_explicit_min_position() {
        processor.shutDown();
        Api.Response created = api().post("/api/schools/", "{\"name\": \"Pos\", \"domain\": \"" + unique("pos")
                + ".edu\"}").token(writer).send();
        long id = created.json().get("id").asLong();
        CompletableFuture.runAsync(processor::start, CompletableFuture.delayedExecutor(400, TimeUnit.MILLISECONDS));

        Api.Response read = api().get("/api/schools/" + id + "/").token(reader)
                .header("X-Min-Position", created.header("X-Event-Position")).send();

        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().get("id").asLong()).isEqualTo(id);
    }

    @Test
    void other_callers_are_not_held_up_by_someone_elses_write() {
        processor.shutDown();
        long id = register(writer);

        long started = System.nanoTime();
        Api.Response read = api().get("/api/schools/" + id + "/").token(reader).send();

        assertThat(read.status()).isEqualTo(404);
        assertThat(elapsedMillis(started)).isLessThan(1000);
    }

    @Test
    void the_wait_is_bounded_when_the_projection_does_not_catch_up() {
        processor.shutDown();
        long id = register(writer);

        long started = System.nanoTime();
        Api.Response read = api().get("/api/schools/" + id + "/").token(writer).send();

        assertThat(read.status()).isEqualTo(404);
        assertThat(elapsedMillis(started)).isBetween(1900L, 4000L);
    }

    private long register(String token) {
        Api.Response created = api().post("/api/schools/", "{\"name\": \"RYW\", \"domain\": \"" + unique("w")
                + ".edu\"}").token(token).send();
        assertThat(created.status()).isEqualTo(201);
        return created.json().get("id").asLong();
    }

    private static long elapsedMillis(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }
}
