package org.fractionball.lms.command.playlists;

import org.fractionball.lms.events.content.ContentStatus;

import java.util.UUID;

/** What a playlist needs of a live (not deleted) video, read from its aggregate. */
public record PlaylistVideo(UUID videoId, long schoolId, ContentStatus status, String title, Integer duration) {

    public boolean isPublishedIn(long school) {
        return status == ContentStatus.PUBLISHED && schoolId == school;
    }
}
