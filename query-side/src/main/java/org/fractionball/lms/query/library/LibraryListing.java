package org.fractionball.lms.query.library;

import org.fractionball.lms.events.content.ContentKind;
import org.fractionball.lms.events.content.ContentStatus;

import java.util.List;

/**
 * The two library listings (contract §5.12.1, §5.12.3): the kind they show, their query
 * parameters in the order django-filter reports their errors, the sort keys a client may name,
 * the statuses the {@code status} filter accepts and the messages of their detail endpoints.
 */
public enum LibraryListing {
    VIDEOS(ContentKind.VIDEO, "VideoAsset", "video",
            List.of("search", "grade", "topic", "tags", "owner", "status", "min_duration", "max_duration",
                    "created_after", "created_before"),
            List.of("created_at", "updated_at", "title", "duration", "grade"),
            List.of(ContentStatus.PUBLISHED, ContentStatus.DRAFT, ContentStatus.PENDING)),
    RESOURCES(ContentKind.RESOURCE, "Resource", "resource",
            List.of("search", "file_type", "grade", "topic", "tags", "owner", "status", "created_after",
                    "created_before"),
            List.of("created_at", "title", "file_type", "file_size"),
            List.of(ContentStatus.PUBLISHED, ContentStatus.DRAFT));

    final ContentKind kind;
    /** The original's model name, as its not-found answers name it. */
    final String modelName;
    /** The word of the detail endpoint's 403 ("You don't have permission to view this video."). */
    final String noun;
    final List<String> parameters;
    final List<String> orderings;
    final List<ContentStatus> statuses;

    LibraryListing(ContentKind kind, String modelName, String noun, List<String> parameters,
                   List<String> orderings, List<ContentStatus> statuses) {
        this.kind = kind;
        this.modelName = modelName;
        this.noun = noun;
        this.parameters = parameters;
        this.orderings = orderings;
        this.statuses = statuses;
    }

    /** The column a sort key names. */
    static String column(String key) {
        return switch (key) {
            case "created_at" -> "c.created_at";
            case "updated_at" -> "c.updated_at";
            case "title" -> "c.title";
            case "duration" -> "c.duration";
            case "grade" -> "c.grade";
            case "file_type" -> "c.file_type";
            case "file_size" -> "c.file_size";
            default -> throw new IllegalArgumentException("ordering " + key);
        };
    }
}
