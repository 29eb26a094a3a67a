package org.fractionball.lms.command.web;

import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/** Ids in paths (integers, UUIDs): anything else is the contract's plain 404. */
public final class PathIds {
    private static final Pattern UUID_SHAPE =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private PathIds() {
    }

    public static long integer(String segment) {
        try {
            long id = Long.parseLong(segment);
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException ignored) {
            // falls through to the 404 below
        }
        throw new CommandRejected(404, Map.of("detail", "Not found."));
    }

    /** A UUID in its canonical 36-character form. */
    public static UUID uuid(String segment) {
        if (segment != null && UUID_SHAPE.matcher(segment).matches()) {
            return UUID.fromString(segment);
        }
        throw new CommandRejected(404, Map.of("detail", "Not found."));
    }
}
