package org.fractionball.lms.query.activities;

/** One activity by its slug (in any case), published or not (visibility is the endpoint's). */
public record FindActivity(String slug) {
}
