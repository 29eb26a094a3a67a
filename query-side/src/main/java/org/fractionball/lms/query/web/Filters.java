package org.fractionball.lms.query.web;

import java.util.Locale;

/** Query-string filter values in the forms the contract accepts. */
public final class Filters {
    private Filters() {
    }

    /** {@code true|false|1|0} in any case; any other value means "no filter" (contract §5.3). */
    public static Boolean lenientBoolean(String value) {
        if (value == null) {
            return null;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true", "1" -> true;
            case "false", "0" -> false;
            default -> null;
        };
    }

    /** A positive integer path id; anything else is the contract's plain 404. */
    public static long pathId(String segment) {
        try {
            long id = Long.parseLong(segment);
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException ignored) {
            // falls through to the 404 below
        }
        throw QueryRejected.plainNotFound();
    }
}
