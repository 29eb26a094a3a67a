package org.fractionball.lms.events.schools;

public record SchoolReactivated(long schoolId) {
}
