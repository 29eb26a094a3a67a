package org.fractionball.lms.events.content;

import java.util.List;

/**
 * The editable description of a content item. {@code uri} is the video's {@code storage_uri} or
 * the resource's {@code file_uri}; {@code thumbnailUri} is for videos only and {@code fileType}
 * (contract §2.5) for resources only.
 */
public record ContentDetails(String title, String description, String grade, String topic, List<String> tags,
                             Integer duration, Long fileSize, String uri, String thumbnailUri, String fileType) {

    public ContentDetails {
        tags = tags == null ? List.of() : List.copyOf(tags);
    }
}
