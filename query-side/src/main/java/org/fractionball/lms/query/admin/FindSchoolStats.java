package org.fractionball.lms.query.admin;

public record FindSchoolStats(long schoolId) {
}
