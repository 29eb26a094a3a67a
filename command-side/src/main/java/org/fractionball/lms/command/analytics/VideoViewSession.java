package org.fractionball.lms.command.analytics;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import org.fractionball.lms.command.web.CommandRejected;
import org.fractionball.lms.events.analytics.VideoViewProgressed;
import org.fractionball.lms.events.analytics.VideoViewStarted;
import org.fractionball.lms.events.shared.AggregateIds;
import org.fractionball.lms.events.shared.Caller;

import java.util.Objects;
import java.util.UUID;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One user's viewing session of one video (contract §5.16, fixing D23). The first call starts the
 * view; heartbeats keep the maxima of watched seconds and completion and store an event only when
 * one of them rises, so a session is a short stream of small events however often the player calls,
 * and a million views are a million independent appends with no shared row to contend on.
 */
@Aggregate
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
public class VideoViewSession {
    static final String NOT_ACCESSIBLE = "Video not found or not accessible";

    @AggregateIdentifier
    private String id;
    private UUID viewId;
    private UUID videoId;
    private long userId;
    private long schoolId;
    private Integer durationWatched;
    private Double completionPercentage;

    protected VideoViewSession() {
    }

    /** Answers the view's id. The video is checked on every call: a video unpublished meanwhile stops counting. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public UUID handle(TrackVideoView command, ViewableVideos videos) {
        Caller by = command.by();
        ViewableVideo video = videos.find(command.videoId()).filter(found -> found.visibleTo(by))
                .orElseThrow(() -> CommandRejected.error(404, NOT_ACCESSIBLE));
        if (id == null) {
            apply(new VideoViewStarted(command.viewId(), video.videoId(), by.userId(), by.schoolId(),
                    command.sessionId(), command.referrer(), command.durationWatched(),
                    command.completionPercentage(), video.title()));
            return command.viewId();
        }
        Integer duration = max(durationWatched, command.durationWatched());
        Double completion = max(completionPercentage, command.completionPercentage());
        if (!Objects.equals(duration, durationWatched) || !Objects.equals(completion, completionPercentage)) {
            apply(new VideoViewProgressed(viewId, videoId, userId, schoolId, duration, completion));
        }
        return viewId;
    }

    private static <T extends Comparable<T>> T max(T old, T sent) {
        if (sent == null) {
            return old;
        }
        return old == null || sent.compareTo(old) > 0 ? sent : old;
    }

    @EventSourcingHandler
    void on(VideoViewStarted event) {
        id = AggregateIds.viewSession(event.viewId());
        viewId = event.viewId();
        videoId = event.videoId();
        userId = event.userId();
        schoolId = event.schoolId();
        durationWatched = event.durationWatched();
        completionPercentage = event.completionPercentage();
    }

    @EventSourcingHandler
    void on(VideoViewProgressed event) {
        durationWatched = event.durationWatched();
        completionPercentage = event.completionPercentage();
    }
}
