package org.fractionball.lms.query.config;

public record CountSystemConfigs(ConfigFilter filter) {
}
