package org.fractionball.lms.command.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.fractionball.lms.events.config.ConfigDefinition;
import org.fractionball.lms.events.config.ConfigType;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The rules a configuration value must keep (contract §5.20.3, D25a–c fixed): checked on every
 * write — create, PUT, PATCH and bulk update alike — against the entry's type, bounds and
 * {@code validation_regex} as they are after the write. An empty value is "not set" (§2.8: read
 * as null) and is only checked against nothing.
 */
public final class ConfigValues {
    public static final Pattern KEY = Pattern.compile("^[a-zA-Z][a-zA-Z0-9_.]*$");
    public static final String KEY_MESSAGE =
            "Key must start with a letter and contain only letters, numbers, underscores, and dots";
    static final Set<String> BOOLEAN_WORDS = Set.of("true", "false", "1", "0", "yes", "no", "on", "off");
    private static final Set<String> TRUE_WORDS = Set.of("true", "1", "yes", "on");
    private static final Pattern COLOR = Pattern.compile("^#[0-9A-Fa-f]{6}$");
    private static final Pattern EMAIL = Pattern.compile(
            "^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
                    + "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$");
    private static final ObjectMapper JSON = new ObjectMapper();

    private ConfigValues() {
    }

    /** The message for the value of {@code definition} when it breaks a rule (reported under {@code value}). */
    public static Optional<String> violation(ConfigDefinition definition) {
        String value = definition.value();
        if (value.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> typed = typeViolation(definition.type(), value, definition.minValue(),
                definition.maxValue());
        if (typed.isPresent()) {
            return typed;
        }
        String regex = definition.validationRegex();
        if (regex != null && !regex.isEmpty() && !Pattern.compile(regex).matcher(value).find()) {
            return Optional.of("Value does not match the required pattern: " + regex);
        }
        return Optional.empty();
    }

    /** Whether {@code regex} compiles (Java syntax, which reads the usual Python patterns alike). */
    public static boolean isValidRegex(String regex) {
        try {
            Pattern.compile(regex);
            return true;
        } catch (PatternSyntaxException invalid) {
            return false;
        }
    }

    private static Optional<String> typeViolation(ConfigType type, String value, Double min, Double max) {
        return switch (type) {
            case INTEGER -> {
                BigDecimal number = parse(value, true);
                yield number == null ? Optional.of("Value must be a valid integer") : bounds(number, min, max);
            }
            case FLOAT -> {
                BigDecimal number = parse(value, false);
                yield number == null ? Optional.of("Value must be a valid number") : bounds(number, min, max);
            }
            case BOOLEAN -> BOOLEAN_WORDS.contains(value.toLowerCase(Locale.ROOT)) ? Optional.empty()
                    : Optional.of("Boolean value must be true/false, 1/0, yes/no, or on/off");
            case JSON -> isJson(value) ? Optional.empty() : Optional.of("Value must be valid JSON");
            case URL -> isUrl(value) ? Optional.empty() : Optional.of("Enter a valid URL.");
            case EMAIL -> value.length() <= 254 && EMAIL.matcher(value).matches() ? Optional.empty()
                    : Optional.of("Enter a valid email address.");
            case COLOR -> COLOR.matcher(value).matches() ? Optional.empty()
                    : Optional.of("Color must be in hex format (#RRGGBB)");
            case STRING, FILE -> Optional.empty();
        };
    }

    private static Optional<String> bounds(BigDecimal number, Double min, Double max) {
        if (min != null && number.compareTo(BigDecimal.valueOf(min)) < 0) {
            return Optional.of("Value must be at least " + min);
        }
        if (max != null && number.compareTo(BigDecimal.valueOf(max)) > 0) {
            return Optional.of("Value must be at most " + max);
        }
        return Optional.empty();
    }

    /** An integer literal (optional sign, digits) or a finite decimal number; null otherwise. */
    private static BigDecimal parse(String value, boolean integer) {
        String text = value.strip();
        if (integer ? !text.matches("[+-]?\\d+") : !text.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?")) {
            return null;
        }
        return new BigDecimal(text);
    }

    private static boolean isJson(String value) {
        try {
            JSON.readTree(value);
            return true;
        } catch (JsonProcessingException invalid) {
            return false;
        }
    }

    private static boolean isUrl(String value) {
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return Set.of("http", "https", "ftp", "ftps").contains(scheme) && uri.getHost() != null;
        } catch (URISyntaxException invalid) {
            return false;
        }
    }

    /** §2.8 typed value: null when empty; booleans, integers, numbers and JSON parsed; else the text. */
    public static Object typed(ConfigType type, String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        return switch (type) {
            case BOOLEAN -> TRUE_WORDS.contains(value.toLowerCase(Locale.ROOT));
            case INTEGER -> {
                BigDecimal number = parse(value, true);
                yield number == null ? value : number.toBigInteger();
            }
            case FLOAT -> {
                BigDecimal number = parse(value, false);
                yield number == null ? value : number.doubleValue();
            }
            case JSON -> {
                try {
                    yield JSON.readTree(value);
                } catch (JsonProcessingException invalid) {
                    yield value;
                }
            }
            default -> value;
        };
    }
}
