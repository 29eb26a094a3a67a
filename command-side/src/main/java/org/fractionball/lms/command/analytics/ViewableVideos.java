package org.fractionball.lms.command.analytics;

import java.util.Optional;
import java.util.UUID;

/** The videos view tracking looks at, as their aggregates hold them now (never a read table). */
public interface ViewableVideos {

    /** The video, or empty when there is none or it was deleted. */
    Optional<ViewableVideo> find(UUID videoId);
}
