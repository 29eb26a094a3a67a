package org.fractionball.lms.events.activities;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** The computed strings of an activity, shared by command answers and read views. */
public final class ActivityFormats {
    private static final Pattern LINES = Pattern.compile("\\r\\n|\\r|\\n");
    private static final Pattern BULLET = Pattern.compile("^[•*\\-\\s]+");
    private static final String HEADER = "students will be able to";

    private ActivityFormats() {
    }

    /**
     * {@code learning_objectives} as a list (contract A.1): one entry per non-blank line, without
     * a "Students will be able to:" header line and without leading {@code •}, {@code -} or
     * {@code *} bullets.
     */
    public static List<String> learningObjectivesList(String text) {
        List<String> objectives = new ArrayList<>();
        if (text == null) {
            return objectives;
        }
        for (String line : LINES.split(text)) {
            String entry = BULLET.matcher(line.strip()).replaceFirst("").strip();
            if (!entry.isEmpty() && !isHeader(entry)) {
                objectives.add(entry);
            }
        }
        return objectives;
    }

    private static boolean isHeader(String line) {
        String lower = line.toLowerCase(Locale.ROOT);
        while (lower.endsWith(":") || lower.endsWith(".") || lower.endsWith("…")) {
            lower = lower.substring(0, lower.length() - 1).strip();
        }
        return lower.equals(HEADER);
    }
}
