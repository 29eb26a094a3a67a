package org.fractionball.lms.command.accounts;

import org.fractionball.lms.events.shared.Caller;

/** Erase everything personal stored about a user (GDPR art. 17), removed users included. */
public record ErasePersonalData(long userId, Caller by) {
}
