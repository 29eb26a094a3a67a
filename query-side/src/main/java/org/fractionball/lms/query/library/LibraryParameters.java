package org.fractionball.lms.query.library;

import org.fractionball.lms.events.content.ContentStatus;
import org.fractionball.lms.events.content.Grade;
import org.fractionball.lms.events.content.ResourceFileType;
import org.fractionball.lms.events.content.Topic;
import org.fractionball.lms.events.shared.Caller;
import org.fractionball.lms.events.shared.Role;
import org.fractionball.lms.query.web.PageRequest;
import org.fractionball.lms.query.web.QueryRejected;
import org.springframework.util.MultiValueMap;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a library listing's query string as the original's django-filter FilterSet did: the last
 * value of a repeated parameter counts, empty values do not filter, and every invalid parameter is
 * reported in one {@code 400} with django-filter's message.
 */
final class LibraryParameters {
    static final String INVALID_ID = "Select a valid choice. That choice is not one of the available choices.";
    static final int MAX_PAGE_SIZE = 100;
    static final String NOT_PERMITTED = "You do not have permission to perform this action.";
    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d+");
    /** Python's {@code strptime("%Y-%m-%d")}: four-digit year, one- or two-digit month and day. */
    private static final Pattern DATE = Pattern.compile("(\\d{4})-(\\d{1,2})-(\\d{1,2})");
    /** Far outside any duration (a 32-bit column), so clamping never changes which rows match. */
    private static final BigDecimal DURATION_BOUND = BigDecimal.valueOf(10_000_000_000L);

    private LibraryParameters() {
    }

    /**
     * The listing's filter for the caller: its own school; a teacher sees its own items and published
     * ones. {@code as_of} (SA+ and AUDITOR) reads the library as it stood at a moment, for ADMIN and
     * AUDITOR of any {@code school}. {@code isOwnerChoice} tells whether a user id is a TEACHER or
     * SCHOOL_ADMIN of a school.
     */
    static LibraryFilter filter(LibraryListing listing, MultiValueMap<String, String> params, Caller caller,
                                OwnerChoices isOwnerChoice) {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        Instant asOf = null;
        long schoolId = caller.schoolId();
        String moment = last(params, "as_of");
        if (moment != null && !moment.isEmpty()) {
            if (!caller.isSchoolAdminOrAbove() && caller.role() != Role.AUDITOR) {
                throw new QueryRejected(403, Map.of("detail", NOT_PERMITTED));
            }
            asOf = instant(moment);
            if (asOf == null) {
                errors.put("as_of", List.of("Enter a valid date/time."));
            }
            String school = last(params, "school");
            if (school != null && !school.isEmpty()) {
                if (caller.role() != Role.ADMIN && caller.role() != Role.AUDITOR) {
                    throw new QueryRejected(403, Map.of("detail", NOT_PERMITTED));
                }
                Long chosen = userId(school);
                if (chosen == null) {
                    errors.put("school", List.of("Enter a whole number."));
                } else {
                    schoolId = chosen;
                }
            }
        } else if (caller.role() == Role.AUDITOR) {
            // auditors read the library only as of a moment, as before this parameter existed otherwise
            throw new QueryRejected(403, Map.of("detail", NOT_PERMITTED));
        }
        String search = null;
        String grade = null;
        String topic = null;
        String fileType = null;
        List<String> tags = List.of();
        Long owner = null;
        ContentStatus status = null;
        Long minDuration = null;
        Long maxDuration = null;
        LocalDate createdAfter = null;
        LocalDate createdBefore = null;
        for (String name : listing.parameters) {
            String value = last(params, name);
            if (value == null || value.isEmpty()) {
                continue;
            }
            String error = null;
            switch (name) {
                case "search" -> search = value.strip().replace("\u0000", "");
                case "grade" -> {
                    grade = Grade.isValid(value) ? value : null;
                    error = grade == null ? invalidChoice(value) : null;
                }
                case "topic" -> {
                    topic = Topic.isValid(value) ? value : null;
                    error = topic == null ? invalidChoice(value) : null;
                }
                case "file_type" -> {
                    fileType = ResourceFileType.parse(value) != null ? value : null;
                    error = fileType == null ? invalidChoice(value) : null;
                }
                case "tags" -> tags = tags(value);
                case "owner" -> {
                    owner = userId(value);
                    if (owner == null || !isOwnerChoice.test(schoolId, owner)) {
                        owner = null;
                        error = INVALID_ID;
                    }
                }
                case "status" -> {
                    status = ContentStatus.parse(value);
                    if (status == null || !listing.statuses.contains(status)) {
                        status = null;
                        error = invalidChoice(value);
                    }
                }
                case "min_duration" -> {
                    BigDecimal number = number(value);
                    minDuration = number == null ? null : ceiling(number);
                    error = number == null ? "Enter a number." : null;
                }
                case "max_duration" -> {
                    BigDecimal number = number(value);
                    maxDuration = number == null ? null : floor(number);
                    error = number == null ? "Enter a number." : null;
                }
                case "created_after" -> {
                    createdAfter = date(value);
                    error = createdAfter == null ? "Enter a valid date." : null;
                }
                case "created_before" -> {
                    createdBefore = date(value);
                    error = createdBefore == null ? "Enter a valid date." : null;
                }
                default -> throw new IllegalStateException("parameter " + name);
            }
            if (error != null) {
                errors.put(name, List.of(error));
            }
        }
        List<String> ordering = ordering(listing, last(params, "ordering"), errors);
        if (!errors.isEmpty()) {
            throw new QueryRejected(400, errors);
        }
        // as of a moment, every role that may ask sees the whole school's library
        return new LibraryFilter(listing.kind, schoolId,
                caller.isSchoolAdminOrAbove() || asOf != null ? null : caller.userId(), search == null
                || search.isEmpty() ? null : search, grade, topic, fileType, tags, owner, status, minDuration,
                maxDuration, createdAfter, createdBefore, ordering, asOf);
    }

    /**
     * {@code as_of}: an ISO-8601 instant with its offset ({@code 2026-11-23T08:00:00Z},
     * {@code 2026-11-23T09:00:00+01:00}), or a date for the start of that day in UTC.
     */
    private static Instant instant(String value) {
        String text = value.strip();
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException notATime) {
            try {
                return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException notADate) {
                return null;
            }
        }
    }

    /** Whether a user is a TEACHER or SCHOOL_ADMIN of a school (the {@code owner} filter's choices). */
    @FunctionalInterface
    interface OwnerChoices {
        boolean test(long schoolId, long userId);
    }

    /** The library pagination (§0.5): {@code page} as everywhere, {@code page_size} 1…100, else 20. */
    static PageRequest page(MultiValueMap<String, String> params) {
        PageRequest page = PageRequest.parse(last(params, "page"));
        return new PageRequest(page.number(), page.last(), pageSize(last(params, "page_size")));
    }

    /** DRF's {@code _positive_int(strict=True, cutoff=100)}, falling back to the default on any failure. */
    static int pageSize(String value) {
        if (value == null) {
            return PageRequest.DEFAULT_SIZE;
        }
        String digits = value.strip();
        if (!INTEGER.matcher(digits).matches()) {
            return PageRequest.DEFAULT_SIZE;
        }
        BigInteger size = new BigInteger(digits);
        if (size.signum() <= 0) {
            return PageRequest.DEFAULT_SIZE;
        }
        return size.compareTo(BigInteger.valueOf(MAX_PAGE_SIZE)) > 0 ? MAX_PAGE_SIZE : size.intValue();
    }

    /** Django's QueryDict.get: the last value of a repeated parameter. */
    static String last(MultiValueMap<String, String> params, String name) {
        List<String> values = params.get(name);
        return values == null || values.isEmpty() ? null : values.get(values.size() - 1);
    }

    /** Comma-separated, each trimmed and lower-cased; blank entries are dropped (they would match everything). */
    private static List<String> tags(String value) {
        TreeSet<String> tags = new TreeSet<>();
        for (String tag : value.split(",")) {
            String entry = tag.strip().toLowerCase(Locale.ROOT).replace("\u0000", "");
            if (!entry.isEmpty()) {
                tags.add(entry);
            }
        }
        return List.copyOf(tags);
    }

    private static Long userId(String value) {
        String digits = value.strip();
        if (!INTEGER.matcher(digits).matches()) {
            return null;
        }
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException tooLarge) {
            return null;
        }
    }

    /** Django's DecimalField: any finite decimal, exponents included, surrounding spaces ignored. */
    private static BigDecimal number(String value) {
        try {
            BigDecimal number = new BigDecimal(value.strip());
            if (number.abs().compareTo(DURATION_BOUND) > 0) {
                return number.signum() > 0 ? DURATION_BOUND : DURATION_BOUND.negate();
            }
            return number;
        } catch (NumberFormatException notANumber) {
            return null;
        }
    }

    /** The smallest whole number of seconds not below {@code value}: {@code duration >= value} on an integer column. */
    private static long ceiling(BigDecimal value) {
        if (value.abs().compareTo(BigDecimal.ONE) < 0) {
            return value.signum() > 0 ? 1 : 0;
        }
        return value.setScale(0, RoundingMode.CEILING).longValueExact();
    }

    /** The largest whole number of seconds not above {@code value}. */
    private static long floor(BigDecimal value) {
        if (value.abs().compareTo(BigDecimal.ONE) < 0) {
            return value.signum() < 0 ? -1 : 0;
        }
        return value.setScale(0, RoundingMode.FLOOR).longValueExact();
    }

    private static LocalDate date(String value) {
        Matcher date = DATE.matcher(value.strip());
        if (!date.matches()) {
            return null;
        }
        try {
            return LocalDate.of(Integer.parseInt(date.group(1)), Integer.parseInt(date.group(2)),
                    Integer.parseInt(date.group(3)));
        } catch (DateTimeException noSuchDay) {
            return null;
        }
    }

    /** django-filter's OrderingFilter: comma-separated keys, each optionally prefixed {@code -}. */
    private static List<String> ordering(LibraryListing listing, String value, Map<String, List<String>> errors) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        List<String> keys = new ArrayList<>();
        for (String part : value.split(",")) {
            String key = part.strip();
            if (key.isEmpty()) {
                continue;
            }
            if (!listing.orderings.contains(key.startsWith("-") ? key.substring(1) : key)) {
                errors.put("ordering", List.of(invalidChoice(key)));
                return List.of();
            }
            keys.add(key);
        }
        return keys;
    }

    private static String invalidChoice(String value) {
        return "Select a valid choice. " + value + " is not one of the available choices.";
    }
}
