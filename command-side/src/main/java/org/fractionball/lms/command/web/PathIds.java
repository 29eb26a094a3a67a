package org.fractionball.lms.command.web;

import java.util.Map;

/** Integer ids in paths: anything else is the contract's plain 404. */
public final class PathIds {
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
}
