package org.fractionball.lms.events.schools;

/** The school is gone from the API; its history stays in the event store. */
public record SchoolDeleted(long schoolId, String domain) {
}
