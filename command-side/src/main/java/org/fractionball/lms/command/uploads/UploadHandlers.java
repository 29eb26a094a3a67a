package org.fractionball.lms.command.uploads;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;
import org.fractionball.lms.command.config.SystemSettings;
import org.fractionball.lms.command.content.ContentItems;
import org.fractionball.lms.command.content.ContentState;
import org.fractionball.lms.command.storage.BlobStore;
import org.fractionball.lms.command.storage.SignedUrl;
import org.fractionball.lms.command.web.CommandRejected;
import org.fractionball.lms.events.content.ContentCreated;
import org.fractionball.lms.events.shared.AggregateIds;
import org.springframework.stereotype.Component;

import java.time.Duration;

/**
 * Signs uploads and completes them. Completing loads the upload and creates the content item in
 * one unit of work, so both aggregates' events commit together or not at all.
 */
@Component
public class UploadHandlers {
    static final Duration UPLOAD_VALIDITY = Duration.ofHours(1);

    private final Repository<Upload> uploads;
    private final ContentItems contents;
    private final BlobStore blobs;
    private final PendingUploads pending;
    private final SystemSettings settings;

    public UploadHandlers(Repository<Upload> uploads, ContentItems contents, BlobStore blobs, PendingUploads pending,
                          SystemSettings settings) {
        this.uploads = uploads;
        this.contents = contents;
        this.blobs = blobs;
        this.pending = pending;
        this.settings = settings;
    }

    @CommandHandler
    public SignedUpload handle(SignUpload command) throws Exception {
        SignedUrl url = blobs.signUpload(command.storagePath(), command.contentType(),
                UploadRules.maxBytes(command.kind(), settings.maxUploadBytes()), UPLOAD_VALIDITY);
        uploads.newInstance(() -> new Upload(command, url.expiresAt(), pending));
        return new SignedUpload(url, blobs.publicUrl(command.storagePath()));
    }

    @CommandHandler
    public ContentState handle(CompleteUpload command) throws Exception {
        ContentCreated created;
        try {
            created = uploads.load(AggregateIds.upload(command.uploadId())).invoke(upload -> upload.complete(command,
                    blobs, pending, settings.maxUploadBytes()));
        } catch (AggregateNotFoundException neverSigned) {
            throw CommandRejected.error(404, Upload.NOT_FOUND);
        }
        return contents.create(created);
    }
}
