package org.fractionball.lms.events.accounts;

import org.fractionball.lms.events.shared.Role;

public record UserRoleChanged(long userId, Role oldRole, Role newRole) {
}
