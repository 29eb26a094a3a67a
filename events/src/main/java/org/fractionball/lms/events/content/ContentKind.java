package org.fractionball.lms.events.content;

/** The two kinds of content item: streamed videos and downloadable resources (contract §2.6). */
public enum ContentKind {
    VIDEO("video"),
    RESOURCE("resource");

    private final String category;

    ContentKind(String category) {
        this.category = category;
    }

    /** The upload category and audit {@code content_type} of this kind. */
    public String category() {
        return category;
    }

    /** The storage folder of this kind ({@code videos}, {@code resources}). */
    public String folder() {
        return category + "s";
    }

    /** The kind named by an upload category, or null. */
    public static ContentKind ofCategory(String category) {
        for (ContentKind kind : values()) {
            if (kind.category.equals(category)) {
                return kind;
            }
        }
        return null;
    }
}
