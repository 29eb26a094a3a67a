package org.fractionball.lms.query.accounts;

public record FindUsers(UserFilter filter, long offset, int limit) {
}
