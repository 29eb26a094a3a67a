package org.fractionball.lms.command.accounts;

/** The answer to (de)activation: whether anything changed, and the state after. */
public record ActivityChange(boolean changed, UserAccountState state) {
}
