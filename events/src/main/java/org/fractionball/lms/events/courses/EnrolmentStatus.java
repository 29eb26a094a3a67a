package org.fractionball.lms.events.courses;

/** Where an enrolment stands: in progress, every item completed, or withdrawn. */
public enum EnrolmentStatus {
    ACTIVE("active"),
    COMPLETED("completed"),
    WITHDRAWN("withdrawn");

    private final String value;

    EnrolmentStatus(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }

    public static EnrolmentStatus parse(String value) {
        for (EnrolmentStatus status : values()) {
            if (status.value.equals(value)) {
                return status;
            }
        }
        return null;
    }
}
