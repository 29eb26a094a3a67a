package org.fractionball.lms.events.accounts;

public record UserReactivated(long userId) {
}
