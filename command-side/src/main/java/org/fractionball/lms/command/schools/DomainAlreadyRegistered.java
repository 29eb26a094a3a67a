package org.fractionball.lms.command.schools;

import org.fractionball.lms.command.web.CommandRejected;

/**
 * The domain belongs to another school: 400 with the contract's message when that school was
 * already committed, 409 when the two registrations raced each other.
 */
public class DomainAlreadyRegistered extends CommandRejected {
    public static final String MESSAGE = "School with this domain already exists.";

    public DomainAlreadyRegistered(boolean concurrent) {
        super(concurrent ? 409 : 400, java.util.Map.of("domain", java.util.List.of(MESSAGE)));
    }
}
