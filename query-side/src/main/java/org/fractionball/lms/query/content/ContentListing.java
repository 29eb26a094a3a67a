package org.fractionball.lms.query.content;

import org.fractionball.lms.events.content.ContentKind;

import java.util.List;

/**
 * The four content listings: which kind they show, their filters (in the order django-filter
 * reports their errors), the sort keys a client may name and the default order.
 */
enum ContentListing {
    VIDEOS(ContentKind.VIDEO, "VideoAsset", List.of("grade", "topic", "status", "owner"),
            List.of("title", "created_at", "updated_at", "grade", "topic", "duration", "file_size", "status"),
            List.of("-created_at")),
    RESOURCES(ContentKind.RESOURCE, "Resource", List.of("file_type", "grade", "topic", "status", "owner"),
            List.of("title", "created_at", "updated_at", "grade", "topic", "file_type", "file_size", "status"),
            List.of("-created_at")),
    /** Newest submissions first, then newest items (the declared ordering the original never applied, D9). */
    APPROVAL_VIDEOS(ContentKind.VIDEO, "VideoAsset", List.of("status", "grade", "topic", "owner"),
            List.of("title", "created_at", "updated_at", "grade", "topic", "duration", "file_size", "status",
                    "submitted_at", "reviewed_at"),
            List.of("-submitted_at", "-created_at")),
    APPROVAL_RESOURCES(ContentKind.RESOURCE, "Resource", List.of("status", "grade", "topic", "owner"),
            List.of("title", "created_at", "updated_at", "grade", "topic", "file_type", "file_size", "status",
                    "submitted_at", "reviewed_at"),
            List.of("-submitted_at", "-created_at"));

    final ContentKind kind;
    /** The original's model name, as its not-found answers name it. */
    final String modelName;
    final List<String> filters;
    final List<String> orderings;
    final List<String> defaultOrdering;

    ContentListing(ContentKind kind, String modelName, List<String> filters, List<String> orderings,
                   List<String> defaultOrdering) {
        this.kind = kind;
        this.modelName = modelName;
        this.filters = filters;
        this.orderings = orderings;
        this.defaultOrdering = defaultOrdering;
    }
}
