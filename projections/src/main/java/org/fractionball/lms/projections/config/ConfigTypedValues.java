package org.fractionball.lms.projections.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.fractionball.lms.events.config.ConfigType;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Set;

/**
 * Contract §2.8 typed values for the read side: null when empty; BOOLEAN true for
 * true/1/yes/on; INTEGER and FLOAT as numbers and JSON parsed, each falling back to the raw text
 * when it does not read (D25a: the original crashed); everything else the text.
 */
public final class ConfigTypedValues {
    private static final Set<String> TRUE_WORDS = Set.of("true", "1", "yes", "on");
    private static final ObjectMapper JSON = new ObjectMapper();

    private ConfigTypedValues() {
    }

    public static Object typed(ConfigType type, String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        String text = value.strip();
        return switch (type) {
            case BOOLEAN -> TRUE_WORDS.contains(value.toLowerCase(Locale.ROOT));
            case INTEGER -> text.matches("[+-]?\\d+") ? new BigDecimal(text).toBigInteger() : value;
            case FLOAT -> text.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?")
                    ? Double.valueOf(text) : value;
            case JSON -> {
                try {
                    yield JSON.readTree(value);
                } catch (JsonProcessingException unreadable) {
                    yield value;
                }
            }
            default -> value;
        };
    }
}
