package org.fractionball.lms.events.schools;

/** The school's descriptive fields after the change (all of them, so a reader needs no earlier event). */
public record SchoolDetailsChanged(long schoolId, String name, String domain, String address, String phone) {
}
