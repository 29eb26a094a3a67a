package org.fractionball.lms.command.schools;

import java.time.Instant;

/** A school as its aggregate knows it after a command: what a command endpoint answers with. */
public record SchoolState(long schoolId, String name, String domain, String address, String phone, boolean active,
                          Instant createdAt, Instant updatedAt) {
}
