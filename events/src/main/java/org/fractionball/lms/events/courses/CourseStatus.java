package org.fractionball.lms.events.courses;

/** A course's life: written as a draft, published for enrolment, archived when retired. */
public enum CourseStatus {
    DRAFT("draft"),
    PUBLISHED("published"),
    ARCHIVED("archived");

    private final String value;

    CourseStatus(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }

    public static CourseStatus parse(String value) {
        for (CourseStatus status : values()) {
            if (status.value.equals(value)) {
                return status;
            }
        }
        return null;
    }
}
