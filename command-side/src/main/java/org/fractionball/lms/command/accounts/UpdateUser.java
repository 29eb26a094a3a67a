package org.fractionball.lms.command.accounts;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.fractionball.lms.events.shared.AggregateIds;
import org.fractionball.lms.events.shared.Caller;
import org.fractionball.lms.events.shared.Role;

/**
 * A full (PUT) or partial (PATCH) edit of a user by an administrator or by the user itself
 * ({@code /api/me/}); a null field keeps its value.
 */
public record UpdateUser(long userId, String username, String email, String firstName, String lastName,
                         String phone, Role role, Long schoolId, Boolean active, Caller by) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return AggregateIds.user(userId);
    }
}
