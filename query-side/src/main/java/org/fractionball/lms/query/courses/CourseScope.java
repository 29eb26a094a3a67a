package org.fractionball.lms.query.courses;

import org.fractionball.lms.events.shared.Caller;
import org.fractionball.lms.events.shared.Role;

/** Whose courses and enrolments a caller reads: all (ADMIN), a school's (SCHOOL_ADMIN), or its own (TEACHER). */
public record CourseScope(Role role, long userId, long schoolId) {

    public static CourseScope of(Caller caller) {
        return new CourseScope(caller.role(), caller.userId(), caller.schoolId());
    }

    boolean admin() {
        return role == Role.ADMIN;
    }

    boolean schoolAdmin() {
        return role == Role.SCHOOL_ADMIN;
    }
}
