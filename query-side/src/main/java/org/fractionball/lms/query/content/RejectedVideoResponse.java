package org.fractionball.lms.query.content;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import org.fractionball.lms.projections.content.ContentView;

/**
 * A rejected video as my-content-status lists it (§5.17.8): the Video fields, then the reason
 * and the reviewer's full name (null when there is no reviewer any more).
 */
public record RejectedVideoResponse(@JsonUnwrapped VideoResponse video, String rejectionReason,
                                    String reviewedByName) {

    public static RejectedVideoResponse of(ContentView video) {
        return new RejectedVideoResponse(VideoResponse.of(video), video.reviewNotes(), video.reviewedByName());
    }
}
