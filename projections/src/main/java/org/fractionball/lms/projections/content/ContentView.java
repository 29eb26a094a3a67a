package org.fractionball.lms.projections.content;

import org.fractionball.lms.events.content.ContentKind;
import org.fractionball.lms.events.content.ContentStatus;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A row of {@code content_view} joined with the names the API shows: the owner's and reviewer's
 * full names (null when the user is gone from {@code user_view}) and the school's name.
 * {@code uri} is the video's {@code storage_uri} or the resource's {@code file_uri}.
 */
public record ContentView(ContentKind kind, UUID id, String title, String description, String grade, String topic,
                          List<String> tags, Integer duration, Long fileSize, String uri, String thumbnailUri,
                          String fileType, long ownerId, String ownerName, long schoolId, String schoolName,
                          ContentStatus status, String storagePath, Instant submittedAt, Long reviewedBy,
                          String reviewedByName, Instant reviewedAt, String reviewNotes, Instant createdAt,
                          Instant updatedAt) {
}
