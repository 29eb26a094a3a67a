package org.fractionball.lms.command.uploads;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * Abandons uploads whose signed URL expired more than a grace period ago without a completion,
 * so objects nobody will ever complete do not stay in storage. Every node may run it: abandoning
 * twice changes nothing.
 */
@Component
public class AbandonedUploadSweep {
    private static final Logger log = LoggerFactory.getLogger(AbandonedUploadSweep.class);
    private static final int BATCH = 500;

    private final PendingUploads pending;
    private final CommandGateway commands;
    private final Duration grace;
    private final Clock clock;

    public AbandonedUploadSweep(PendingUploads pending, CommandGateway commands,
                                @Value("${lms.uploads.completion-grace:24h}") Duration grace) {
        this.pending = pending;
        this.commands = commands;
        this.grace = grace;
        this.clock = Clock.systemUTC();
    }

    /** Abandons every upload past its grace period; returns how many. */
    @Scheduled(fixedDelayString = "${lms.uploads.sweep-interval:10m}", initialDelayString = "${lms.uploads.sweep-interval:10m}")
    public int sweep() {
        int abandoned = 0;
        List<UUID> expired;
        do {
            expired = pending.expiredBefore(clock.instant().minus(grace), BATCH);
            for (UUID uploadId : expired) {
                commands.sendAndWait(new AbandonUpload(uploadId));
                abandoned++;
            }
        } while (expired.size() == BATCH);
        if (abandoned > 0) {
            log.info("Abandoned {} uploads not completed within {} of their URL's expiry", abandoned, grace);
        }
        return abandoned;
    }
}
