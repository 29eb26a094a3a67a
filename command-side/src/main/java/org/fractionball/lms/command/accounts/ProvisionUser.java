package org.fractionball.lms.command.accounts;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.fractionball.lms.events.shared.AggregateIds;
import org.fractionball.lms.events.shared.Caller;
import org.fractionball.lms.events.shared.Role;

/** Links a Firebase uid to a new user; {@code by} is null for system actors (bootstrap, demo data). */
public record ProvisionUser(long userId, String firebaseUid, String username, String email, String firstName,
                            String lastName, Role role, long schoolId, String phone, boolean active, Caller by) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return AggregateIds.user(userId);
    }
}
