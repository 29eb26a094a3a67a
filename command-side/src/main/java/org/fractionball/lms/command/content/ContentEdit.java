package org.fractionball.lms.command.content;

import org.fractionball.lms.events.content.ContentStatus;

import java.util.List;

/**
 * The fields a PUT or PATCH names; null means "not given, keep". {@code duration} and
 * {@code fileSize} may be cleared, so each has a flag saying whether it was given. {@code status}
 * is only compared with the current one: it changes through the review workflow alone (D15).
 */
public record ContentEdit(String title, String description, String grade, String topic, List<String> tags,
                          boolean durationGiven, Integer duration, boolean fileSizeGiven, Long fileSize, String uri,
                          String thumbnailUri, String fileType, ContentStatus status) {
}
