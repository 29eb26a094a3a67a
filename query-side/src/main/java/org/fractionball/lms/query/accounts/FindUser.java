package org.fractionball.lms.query.accounts;

public record FindUser(long userId) {
}
