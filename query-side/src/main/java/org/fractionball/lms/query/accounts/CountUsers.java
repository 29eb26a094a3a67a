package org.fractionball.lms.query.accounts;

public record CountUsers(UserFilter filter) {
}
