package org.fractionball.lms.command.imports;

/** Who may own imported rows, read from the command side's user registry (never a projection). */
public interface ImportOwners {

    /** The user of school {@code schoolId} with this e-mail (case-insensitive), or null. */
    Owner inSchool(String email, long schoolId);

    /** A live user, or null when it was removed. */
    Owner byId(long userId);

    record Owner(long userId, long schoolId, String email) {
    }
}
