package org.fractionball.lms.query.config;

/** One page of configuration entries by category, then name; all of them when {@code limit} is 0. */
public record FindSystemConfigs(ConfigFilter filter, long offset, int limit) {
}
