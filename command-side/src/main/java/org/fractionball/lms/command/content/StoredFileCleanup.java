package org.fractionball.lms.command.content;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.fractionball.lms.command.storage.BlobStore;
import org.fractionball.lms.events.content.ContentDeleted;
import org.fractionball.lms.events.content.UploadAbandoned;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Removes the stored files of deleted content and of abandoned uploads. It runs after the deletion committed, in its own
 * processor whose errors propagate: a failed removal is retried (with back-off) until storage
 * answers, and removing a file that is already gone succeeds.
 */
@Component
@ProcessingGroup(StoredFileCleanup.PROCESSING_GROUP)
public class StoredFileCleanup {
    public static final String PROCESSING_GROUP = "storage-cleanup";
    private static final Logger log = LoggerFactory.getLogger(StoredFileCleanup.class);

    private final BlobStore blobs;

    public StoredFileCleanup(BlobStore blobs) {
        this.blobs = blobs;
    }

    @EventHandler
    void on(UploadAbandoned event) {
        blobs.delete(event.storagePath());
        log.info("Removed stored file {} of abandoned upload {}", event.storagePath(), event.uploadId());
    }

    @EventHandler
    void on(ContentDeleted event) {
        if (event.storagePath() != null) {
            blobs.delete(event.storagePath());
            log.info("Removed stored file {} of deleted {} {}", event.storagePath(), event.kind().category(),
                    event.contentId());
        }
    }
}
