package org.fractionball.lms.query.config;

public record CountFeatureFlags(Boolean enabled, Boolean permanent) {
}
