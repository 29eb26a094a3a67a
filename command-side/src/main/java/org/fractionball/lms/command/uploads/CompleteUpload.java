package org.fractionball.lms.command.uploads;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.fractionball.lms.events.shared.AggregateIds;
import org.fractionball.lms.events.shared.Caller;

import java.util.List;
import java.util.UUID;

/** Turns the uploaded object at the upload's path into a draft video or resource of the uploader. */
public record CompleteUpload(UUID uploadId, String title, String description, String grade, String topic,
                             List<String> tags, Integer duration, Caller by) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return AggregateIds.upload(uploadId);
    }
}
