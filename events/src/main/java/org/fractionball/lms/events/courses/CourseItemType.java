package org.fractionball.lms.events.courses;

/** What a course item refers to: a curriculum activity, a video or a resource. */
public enum CourseItemType {
    ACTIVITY("activity"),
    VIDEO("video"),
    RESOURCE("resource");

    private final String value;

    CourseItemType(String value) {
        this.value = value;
    }

    /** The API name, also the {@code kind} of videos and resources in the content read model. */
    public String value() {
        return value;
    }

    /** The type an API name gives, or null. */
    public static CourseItemType parse(String value) {
        for (CourseItemType type : values()) {
            if (type.value.equals(value)) {
                return type;
            }
        }
        return null;
    }
}
