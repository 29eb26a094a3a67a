package org.fractionball.lms.events.shared;

/** What a role may do, as the contract's {@code Me.permissions} object states it (§3.4). */
public record Permissions(boolean isAdmin, boolean isSchoolAdmin, boolean isTeacher, boolean canManageUsers,
                          boolean canManageContent, boolean canApproveContent) {

    public static Permissions of(Role role) {
        boolean manager = role == Role.ADMIN || role == Role.SCHOOL_ADMIN;
        return new Permissions(role == Role.ADMIN, role == Role.SCHOOL_ADMIN, role == Role.TEACHER, manager,
                role != Role.AUDITOR, manager);
    }
}
