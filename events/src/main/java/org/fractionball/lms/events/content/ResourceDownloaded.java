package org.fractionball.lms.events.content;

import java.util.UUID;

/** A signed download URL for a resource was handed to a user (contract §5.10.3). */
public record ResourceDownloaded(UUID resourceId, UUID downloadId, long userId, long schoolId, String title,
                                 String fileType, Long fileSize) {
}
