package org.fractionball.lms.query.admin;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** The view-formatted timestamps of the contract (§0.6): ISO-8601 with microseconds and {@code +00:00}. */
public final class GeneratedAt {
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'+00:00'");

    private GeneratedAt() {
    }

    public static String now() {
        return OffsetDateTime.now(ZoneOffset.UTC).format(FORMAT);
    }
}
