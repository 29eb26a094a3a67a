package org.fractionball.lms.command.uploads;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.fractionball.lms.events.content.ContentKind;
import org.fractionball.lms.events.shared.AggregateIds;
import org.fractionball.lms.events.shared.Caller;

import java.util.UUID;

/** Gives the caller a signed URL to upload one file to {@code storagePath} (already checked against the rules). */
public record SignUpload(UUID uploadId, ContentKind kind, String storagePath, String contentType, long declaredSize,
                         String originalFilename, Caller by) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return AggregateIds.upload(uploadId);
    }
}
