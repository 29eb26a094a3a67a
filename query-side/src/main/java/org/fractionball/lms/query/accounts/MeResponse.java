package org.fractionball.lms.query.accounts;

import org.fractionball.lms.events.shared.Role;
import org.fractionball.lms.projections.accounts.UserView;

import java.time.Instant;

/** The contract's {@code Me} (§3.4), fields in contract order. */
public record MeResponse(long id, String username, String email, String firstName, String lastName, String fullName,
                         Role role, String roleDisplay, long school, String schoolName, String phone,
                         Permissions permissions, boolean isActive, Instant createdAt, Instant lastLogin) {

    public record Permissions(boolean isAdmin, boolean isSchoolAdmin, boolean isTeacher, boolean canManageUsers,
                              boolean canManageContent, boolean canApproveContent) {
    }

    static MeResponse of(UserView user) {
        Role role = user.role();
        boolean manager = role == Role.ADMIN || role == Role.SCHOOL_ADMIN;
        Permissions permissions = new Permissions(role == Role.ADMIN, role == Role.SCHOOL_ADMIN,
                role == Role.TEACHER, manager, role != Role.AUDITOR, manager);
        return new MeResponse(user.id(), user.username(), user.email(), user.firstName(), user.lastName(),
                user.fullName(), role, role.display(), user.schoolId(), user.schoolName(), user.phone(), permissions,
                user.isActive(), user.createdAt(), user.lastLogin());
    }
}
