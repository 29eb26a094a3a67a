package org.fractionball.lms.query.library;

import java.util.List;

/** The size of a filtered library set and its distinct grades and topics, ascending. */
public record LibraryTotals(long count, List<String> grades, List<String> topics) {

    public LibraryTotals {
        grades = List.copyOf(grades);
        topics = List.copyOf(topics);
    }
}
