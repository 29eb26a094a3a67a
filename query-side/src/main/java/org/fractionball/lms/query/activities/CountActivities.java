package org.fractionball.lms.query.activities;

/** How many activities the filter selects. */
public record CountActivities(ActivityFilter filter) {
}
