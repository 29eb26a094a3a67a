package org.fractionball.lms.command.activities;

import org.fractionball.lms.command.web.CommandRejected;

import java.util.List;
import java.util.Map;

/**
 * The slug belongs to another activity: 400 with Django's uniqueness message when that activity
 * was already committed, 409 when the two writes raced each other.
 */
public class SlugTaken extends CommandRejected {
    public static final String MESSAGE = "Activity with this slug already exists.";

    public SlugTaken(boolean concurrent) {
        super(concurrent ? 409 : 400, Map.of("slug", List.of(MESSAGE)));
    }
}
