package org.fractionball.lms.events.accounts;

public record UserMovedToSchool(long userId, long fromSchoolId, long toSchoolId) {
}
