package org.fractionball.lms.query.config;

/** One page of feature flags by display name; all of them when {@code limit} is 0. */
public record FindFeatureFlags(Boolean enabled, Boolean permanent, long offset, int limit) {
}
