package org.fractionball.lms.events.schools;

public record SchoolRegistered(long schoolId, String name, String domain, String address, String phone,
                               boolean active) {
}
