package org.fractionball.lms.query.accounts;

import org.fractionball.lms.events.shared.Role;

/**
 * Which users a listing shows; null fields do not filter. {@code search} is a case-insensitive
 * substring of username, e-mail, first or last name; {@code ordering} is a whitelisted column,
 * {@code -} for descending.
 */
public record UserFilter(Long schoolId, Role role, Boolean active, String search, String ordering) {
}
