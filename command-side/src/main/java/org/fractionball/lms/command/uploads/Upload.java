package org.fractionball.lms.command.uploads;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.fractionball.lms.command.storage.BlobStore;
import org.fractionball.lms.command.storage.StoredBlob;
import org.fractionball.lms.command.web.CommandRejected;
import org.fractionball.lms.events.content.ContentCreated;
import org.fractionball.lms.events.content.ContentDetails;
import org.fractionball.lms.events.content.ContentKind;
import org.fractionball.lms.events.content.ContentUploaded;
import org.fractionball.lms.events.content.ResourceFileType;
import org.fractionball.lms.events.content.UploadAbandoned;
import org.fractionball.lms.events.content.UploadSigned;
import org.fractionball.lms.events.shared.AggregateIds;
import org.fractionball.lms.events.shared.Caller;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One direct upload: signed for one user and one path, completed once by that user (D24). The
 * completed upload's id is the id of the content item it becomes.
 */
@Aggregate(snapshotTriggerDefinition = "aggregateSnapshotTrigger")
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
public class Upload {
    static final String NOT_FOUND = "File not found in storage";
    static final String NOT_YOURS = "Only the user who signed an upload can complete it";
    static final String ALREADY_COMPLETED = "This upload has already been completed";
    static final String EMPTY = "The uploaded file is empty";

    @AggregateIdentifier
    private String id;
    private UUID uploadId;
    private long uploaderId;
    private long schoolId;
    private ContentKind kind;
    private String storagePath;
    private String contentType;
    private String originalFilename;
    private boolean completed;
    private boolean abandoned;

    protected Upload() {
    }

    /** Called by {@link UploadHandlers} after the URL was signed. */
    Upload(SignUpload command, Instant expiresAt, PendingUploads pending) {
        Caller by = command.by();
        pending.add(command.uploadId(), expiresAt);
        apply(new UploadSigned(command.uploadId(), by.userId(), by.schoolId(), command.kind(), command.storagePath(),
                command.contentType(), command.declaredSize(), command.originalFilename(), expiresAt));
    }

    /**
     * Checks the stored object (it exists, is within the size limit under the cap in force now, was stored with the signed
     * content type and its bytes are of that type) and records the upload as completed; answers
     * the event that creates the content item.
     */
    ContentCreated complete(CompleteUpload command, BlobStore blobs, PendingUploads pending, long capBytes) {
        Caller by = command.by();
        if (by.userId() != uploaderId) {
            throw error(403, NOT_YOURS);
        }
        if (completed) {
            throw error(409, ALREADY_COMPLETED);
        }
        if (abandoned) {
            throw error(404, NOT_FOUND);
        }
        StoredBlob blob = blobs.find(storagePath).orElseThrow(() -> error(404, NOT_FOUND));
        long max = UploadRules.maxBytes(kind, capBytes);
        if (blob.size() > max) {
            blobs.delete(storagePath);
            throw error(400, UploadRules.sizeMessage(blob.size(), max));
        }
        if (blob.size() == 0) {
            throw error(400, EMPTY);
        }
        if (blob.contentType() == null) {
            throw error(400, "The stored file has no content type; upload it again with Content-Type '"
                    + contentType + "'");
        }
        if (!contentType.equals(blob.contentType())) {
            throw error(400, "Stored file type '" + blob.contentType() + "' does not match the signed type '"
                    + contentType + "'");
        }
        if (!StoredContentTypes.matches(contentType, blob.head())) {
            throw error(400, "File content (" + StoredContentTypes.detect(blob.head())
                    + ") does not match its declared type '" + contentType + "'");
        }
        String title = command.title();
        ContentDetails details = new ContentDetails(title, Objects.requireNonNullElse(command.description(), ""),
                Objects.requireNonNullElse(command.grade(), ""), Objects.requireNonNullElse(command.topic(), ""),
                command.tags(), command.duration(), blob.size(), blobs.publicUrl(storagePath),
                kind == ContentKind.VIDEO ? "" : null,
                kind == ContentKind.RESOURCE ? ResourceFileType.ofContentType(contentType).value() : null);
        pending.remove(uploadId);
        apply(new ContentUploaded(uploadId, uploadId, kind, uploaderId, schoolId, storagePath, contentType,
                blob.size(), originalFilename, title));
        return new ContentCreated(uploadId, kind, uploaderId, schoolId, details, storagePath);
    }

    @CommandHandler
    public void handle(AbandonUpload command, PendingUploads pending) {
        pending.remove(uploadId);
        if (!completed && !abandoned) {
            apply(new UploadAbandoned(uploadId, storagePath));
        }
    }

    @EventSourcingHandler
    void on(UploadSigned event) {
        id = AggregateIds.upload(event.uploadId());
        uploadId = event.uploadId();
        uploaderId = event.uploaderId();
        schoolId = event.schoolId();
        kind = event.kind();
        storagePath = event.storagePath();
        contentType = event.contentType();
        originalFilename = event.originalFilename();
    }

    @EventSourcingHandler
    void on(ContentUploaded event) {
        completed = true;
    }

    @EventSourcingHandler
    void on(UploadAbandoned event) {
        abandoned = true;
    }

    private static CommandRejected error(int status, String message) {
        return CommandRejected.error(status, message);
    }
}
