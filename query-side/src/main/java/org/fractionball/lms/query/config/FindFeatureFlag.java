package org.fractionball.lms.query.config;

import java.util.UUID;

public record FindFeatureFlag(UUID flagId) {
}
