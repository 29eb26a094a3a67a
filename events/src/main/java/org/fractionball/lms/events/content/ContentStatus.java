package org.fractionball.lms.events.content;

/** Review status of a content item (contract §2.4). */
public enum ContentStatus {
    DRAFT("Draft"),
    PENDING("Pending Review"),
    PUBLISHED("Published"),
    REJECTED("Rejected");

    private final String display;

    ContentStatus(String display) {
        this.display = display;
    }

    public String display() {
        return display;
    }

    /** The status named by a client, or null. */
    public static ContentStatus parse(String value) {
        for (ContentStatus status : values()) {
            if (status.name().equals(value)) {
                return status;
            }
        }
        return null;
    }
}
