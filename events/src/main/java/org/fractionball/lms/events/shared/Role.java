package org.fractionball.lms.events.shared;

/** Roles of contract §2.1 plus AUDITOR (read-only audit and reports across schools). */
public enum Role {
    ADMIN("System Admin"),
    SCHOOL_ADMIN("School Admin"),
    TEACHER("Teacher"),
    AUDITOR("Auditor");

    private final String display;

    Role(String display) {
        this.display = display;
    }

    public String display() {
        return display;
    }

    /** The role named by a client, or null when the name is not a role. */
    public static Role parse(String value) {
        for (Role role : values()) {
            if (role.name().equals(value)) {
                return role;
            }
        }
        return null;
    }
}
