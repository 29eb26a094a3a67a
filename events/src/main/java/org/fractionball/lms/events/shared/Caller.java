package org.fractionball.lms.events.shared;

/** The authenticated user a request acts for. */
public record Caller(long userId, String firebaseUid, Role role, long schoolId) {

    public boolean isAdmin() {
        return role == Role.ADMIN;
    }

    public boolean isSchoolAdminOrAbove() {
        return role == Role.ADMIN || role == Role.SCHOOL_ADMIN;
    }
}
