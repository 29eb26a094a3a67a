package org.fractionball.lms.events.schools;

public record SchoolDeactivated(long schoolId) {
}
