package org.fractionball.lms.infrastructure.health;

import org.fractionball.lms.command.storage.BlobStore;
import org.springframework.stereotype.Component;

import java.time.Duration;

/** File storage: a lookup of an object that never exists, which reaches the bucket (or directory) and back. */
@Component("storageHealthIndicator")
public class StorageCheck extends OpsCheck {
    /** A well-formed object name (adapters refuse any other shape) that no upload ever gets: the nil uuid. */
    static final String PROBE = "resources/2000/01/01/00000000-0000-0000-0000-000000000000.probe";

    private final BlobStore storage;

    public StorageCheck(BlobStore storage) {
        this.storage = storage;
    }

    @Override
    public String name() {
        return "storage";
    }

    @Override
    protected CheckResult measure() {
        long start = System.nanoTime();
        storage.find(PROBE);
        return CheckResult.healthy()
                .detail("backend", storage.getClass().getSimpleName())
                .detail("latency_ms", Duration.ofNanos(System.nanoTime() - start).toMillis())
                .build();
    }
}
