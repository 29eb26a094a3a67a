package org.fractionball.lms.infrastructure.axon;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where an event processor's thread spends its time, by sampling that thread's stack every 5 ms (a
 * poor man's profiler in the JVM under test; one thread's stack, rarely, so that it costs little). Each sample is put in the stage of the innermost
 * frame that names one: fetching events from the store, deserializing them, the projection's
 * batched writes, storing the token, committing, handling (Axon's invocation and the handlers'
 * own code), or else Axon's processing loop.
 */
final class StageSampler extends Thread {
    private record Stage(String name, List<String> frames) {
        boolean matches(StackTraceElement frame) {
            String method = frame.getClassName() + "." + frame.getMethodName();
            return frames.stream().anyMatch(method::startsWith);
        }
    }

    private static final List<Stage> STAGES = List.of(
            new Stage("write", List.of("org.fractionball.lms.projections.content.ContentProjection.run",
                    "org.fractionball.lms.projections.audit.AuditIndexProjection.insert",
                    "org.fractionball.lms.projections.audit.AuditLogProjection.insert")),
            new Stage("token", List.of("org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore")),
            new Stage("deserialize", List.of("org.axonframework.serialization.json.JacksonSerializer.deserialize",
                    "org.axonframework.serialization.LazyDeserializingObject.getObject",
                    "org.axonframework.serialization.upcasting")),
            new Stage("fetch", List.of("org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine",
                    "org.axonframework.eventsourcing.eventstore.EmbeddedEventStore")),
            new Stage("commit", List.of("org.springframework.transaction.support.AbstractPlatformTransactionManager.commit",
                    "org.axonframework.spring.messaging.unitofwork.SpringTransactionManager")),
            new Stage("handle", List.of("org.axonframework.messaging.annotation.AnnotatedMessageHandlingMember.handle",
                    "org.axonframework.eventhandling.SimpleEventHandlerInvoker.handle",
                    "org.axonframework.eventhandling.deadletter.DeadLetteringEventHandlerInvoker.handle")));

    private static final long SAMPLE_MILLIS = 5;

    /** Part of the processor thread's name: {@code [group]}, or {@code [group@v} for a rebuild's processor. */
    private final String threadName;
    private final Map<String, Long> counts = new LinkedHashMap<>();
    private volatile boolean running = true;

    StageSampler(String threadName) {
        super("benchmark-stage-sampler");
        setDaemon(true);
        this.threadName = threadName;
        STAGES.forEach(stage -> counts.put(stage.name(), 0L));
        counts.put("other", 0L);
    }

    @Override
    public void run() {
        Thread processor = null;
        while (running) {
            if (processor == null || !processor.isAlive()) {
                processor = Thread.getAllStackTraces().keySet().stream()
                        .filter(thread -> thread.getName().contains(threadName)).findFirst().orElse(null);
            }
            if (processor != null) {
                StackTraceElement[] frames = processor.getStackTrace();
                if (frames.length > 0) {
                    counts.merge(stage(frames), 1L, Long::sum);
                }
            }
            try {
                Thread.sleep(SAMPLE_MILLIS);
            } catch (InterruptedException stopped) {
                return;
            }
        }
    }

    void finish() throws InterruptedException {
        running = false;
        join(5_000);
    }

    /** Per stage, its share of the samples in percent. */
    Map<String, Double> shares() {
        long total = Math.max(1, counts.values().stream().mapToLong(Long::longValue).sum());
        Map<String, Double> shares = new LinkedHashMap<>();
        counts.forEach((stage, count) -> shares.put(stage, count * 100.0 / total));
        return shares;
    }

    private static String stage(StackTraceElement[] frames) {
        for (StackTraceElement frame : frames) {
            for (Stage stage : STAGES) {
                if (stage.matches(frame)) {
                    return stage.name();
                }
            }
        }
        return "other";
    }
}
