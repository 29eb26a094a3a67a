package org.fractionball.lms.infrastructure.monitor;

import java.util.List;
import java.util.Locale;

/**
 * One notice to the alert targets, at one of the runbook's levels: CRITICAL (system down, database
 * unreachable, disk above 95 %), WARNING (slow responses, errors, resources above 80 %) or INFO
 * (a problem resolved; deployments and backups send their own).
 */
record Alert(Level level, String title, List<String> lines) {

    enum Level {
        CRITICAL("danger"), WARNING("warning"), INFO("good");

        final String slackColor;

        Level(String slackColor) {
            this.slackColor = slackColor;
        }

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    String subject() {
        return "[" + level + "] " + title;
    }

    String body() {
        return String.join("\n", lines);
    }
}
