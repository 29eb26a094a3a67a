package org.fractionball.lms.command.schools;

/**
 * Set validation for unique school domains, owned by the command side. Claims are made in the
 * transaction that appends the school's events, so two concurrent registrations of one domain
 * cannot both commit.
 */
public interface SchoolDomains {

    /** Reserves {@code domain} for a new school; refuses with {@link DomainAlreadyRegistered}. */
    void claim(String domain, long schoolId);

    /** Moves the school to a new domain; refuses with {@link DomainAlreadyRegistered}. */
    void change(String newDomain, long schoolId);

    /** Frees the school's domain, and with it the users registered to the school. */
    void release(long schoolId);

    /** Records the school's current name (command answers about users name their school). */
    void rename(long schoolId, String name);

    /** The name of a live school, or null. */
    String nameOf(long schoolId);

    /** The live school holding {@code domain}, or null. */
    Long schoolIdFor(String domain);

    /** Whether the school exists and is not deleted (every live school holds its domain). */
    boolean isRegistered(long schoolId);
}
