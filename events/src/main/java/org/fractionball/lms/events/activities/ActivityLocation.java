package org.fractionball.lms.events.activities;

/** Where an activity is played (contract A.1): in the classroom, on the court, or either. */
public enum ActivityLocation {
    CLASSROOM("classroom", "Classroom"),
    COURT("court", "Court"),
    BOTH("both", "Both");

    private final String value;
    private final String display;

    ActivityLocation(String value, String display) {
        this.value = value;
        this.display = display;
    }

    /** The API value ({@code classroom}, {@code court}, {@code both}). */
    public String value() {
        return value;
    }

    public String display() {
        return display;
    }

    /** The location named by a client, or null. */
    public static ActivityLocation parse(String value) {
        for (ActivityLocation location : values()) {
            if (location.value.equals(value)) {
                return location;
            }
        }
        return null;
    }
}
