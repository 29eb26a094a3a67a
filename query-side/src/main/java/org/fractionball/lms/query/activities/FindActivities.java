package org.fractionball.lms.query.activities;

/** A page of activities in the default order (grade K, 1 … 8, then order, then activity_number). */
public record FindActivities(ActivityFilter filter, long offset, int limit) {
}
