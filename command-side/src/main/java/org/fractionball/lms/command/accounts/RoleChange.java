package org.fractionball.lms.command.accounts;

import org.fractionball.lms.events.shared.Role;

/** The answer to {@link ChangeUserRole}: the role before and the state after. */
public record RoleChange(Role previousRole, UserAccountState state) {
}
