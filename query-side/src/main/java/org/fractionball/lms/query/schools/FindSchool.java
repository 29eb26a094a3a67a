package org.fractionball.lms.query.schools;

public record FindSchool(long schoolId) {
}
