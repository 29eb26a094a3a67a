package org.fractionball.lms.command.accounts;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.fractionball.lms.events.shared.AggregateIds;
import org.fractionball.lms.events.shared.Role;

public record ProvisionUser(long userId, String firebaseUid, String username, String email, String firstName,
                            String lastName, Role role, long schoolId, String phone, boolean active) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return AggregateIds.user(userId);
    }
}
