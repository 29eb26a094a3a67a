package org.fractionball.lms.infrastructure.throttling;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A throttle rate as the runbook writes it: {@code N/second}, {@code N/minute}, {@code N/hour} or
 * {@code N/day}. As in the original (DRF), only the first letter of the period counts, so
 * {@code 100/h}, {@code 100/hr} and {@code 100/hours} mean the same. {@code none} or {@code off}
 * lifts the limit.
 */
public record ThrottleRate(long limit, Duration period) {
    private static final Pattern FORMAT = Pattern.compile("\\s*(\\d{1,18})\\s*/\\s*([A-Za-z]+)\\s*");

    public ThrottleRate {
        if (limit <= 0) {
            throw new IllegalArgumentException("a throttle rate allows at least one request, got " + limit);
        }
        if (period == null || period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("a throttle rate needs a positive period, got " + period);
        }
    }

    /**
     * The rate {@code text} describes, or empty for {@code none}/{@code off} (no limit).
     *
     * @throws IllegalArgumentException when {@code text} is neither
     */
    public static Optional<ThrottleRate> parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("throttle rate missing: expected N/second|minute|hour|day or none");
        }
        String trimmed = text.trim().toLowerCase(Locale.ROOT);
        if (trimmed.equals("none") || trimmed.equals("off")) {
            return Optional.empty();
        }
        Matcher matcher = FORMAT.matcher(trimmed);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("invalid throttle rate '" + text
                    + "': expected N/second|minute|hour|day (e.g. 100/hour) or none");
        }
        Duration period = switch (matcher.group(2).charAt(0)) {
            case 's' -> Duration.ofSeconds(1);
            case 'm' -> Duration.ofMinutes(1);
            case 'h' -> Duration.ofHours(1);
            case 'd' -> Duration.ofDays(1);
            default -> throw new IllegalArgumentException("invalid throttle rate '" + text
                    + "': the period must be second, minute, hour or day");
        };
        long limit = Long.parseLong(matcher.group(1));
        if (limit == 0) {
            throw new IllegalArgumentException("invalid throttle rate '" + text + "': use none to lift a limit");
        }
        return Optional.of(new ThrottleRate(limit, period));
    }

    /** A stable short form for bucket keys, e.g. {@code 100/3600s}: a changed rate starts fresh buckets. */
    public String keyPart() {
        return limit + "/" + period.toSeconds() + "s";
    }

    @Override
    public String toString() {
        return limit + " per " + period;
    }
}
