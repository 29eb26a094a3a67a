package org.fractionball.lms.command.analytics;

import org.fractionball.lms.events.content.ContentStatus;
import org.fractionball.lms.events.shared.Caller;

import java.util.UUID;

/** What view tracking needs of a live video, read from its aggregate. */
public record ViewableVideo(UUID videoId, long ownerId, long schoolId, ContentStatus status, String title) {

    /**
     * The library's rule (D23): a video of the caller's school that is published, the caller's own,
     * or seen by an administrator of the school.
     */
    public boolean visibleTo(Caller caller) {
        return schoolId == caller.schoolId() && (status == ContentStatus.PUBLISHED || ownerId == caller.userId()
                || caller.isSchoolAdminOrAbove());
    }
}
