package org.fractionball.lms.events.content;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Grades K–8 (contract §2.2): stored as the strings {@code K}, {@code 1} … {@code 8}. */
public final class Grade {
    private static final Map<String, String> DISPLAY = new LinkedHashMap<>();

    static {
        DISPLAY.put("K", "Kindergarten");
        for (int grade = 1; grade <= 8; grade++) {
            DISPLAY.put(Integer.toString(grade), "Grade " + grade);
        }
    }

    private Grade() {
    }

    public static boolean isValid(String value) {
        return DISPLAY.containsKey(value);
    }

    /** The label of a grade; the raw value when it is not a grade (e.g. {@code ""}). */
    public static String display(String value) {
        return value == null ? "" : DISPLAY.getOrDefault(value, value);
    }

    public static Map<String, String> all() {
        return Map.copyOf(DISPLAY);
    }

    public static List<String> values() {
        return List.copyOf(DISPLAY.keySet());
    }
}
