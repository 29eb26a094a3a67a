package org.fractionball.lms.events.content;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Curriculum topics (contract §2.3). */
public final class Topic {
    private static final Map<String, String> DISPLAY = new LinkedHashMap<>();

    static {
        DISPLAY.put("fractions_basics", "Fractions Basics");
        DISPLAY.put("equivalent_fractions", "Equivalent Fractions");
        DISPLAY.put("comparing_ordering", "Comparing/Ordering");
        DISPLAY.put("number_line", "Number Line");
        DISPLAY.put("mixed_improper", "Mixed \u2194 Improper");
        DISPLAY.put("add_subtract_fractions", "Add/Subtract Fractions");
        DISPLAY.put("multiply_divide_fractions", "Multiply/Divide Fractions (6+)");
        DISPLAY.put("decimals_percents", "Decimals & Percents");
        DISPLAY.put("ratio_proportion", "Ratio/Proportion (6+)");
        DISPLAY.put("word_problems", "Word Problems");
    }

    private Topic() {
    }

    public static boolean isValid(String value) {
        return DISPLAY.containsKey(value);
    }

    /** The label of a topic; the raw value when it is not a topic. */
    public static String display(String value) {
        return value == null ? "" : DISPLAY.getOrDefault(value, value);
    }

    public static List<String> values() {
        return List.copyOf(DISPLAY.keySet());
    }
}
