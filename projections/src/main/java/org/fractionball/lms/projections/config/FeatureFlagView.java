package org.fractionball.lms.projections.config;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A row of {@code feature_flag_view} with the names of its creator and last editor (null when none). */
public record FeatureFlagView(UUID id, String name, String displayName, String description, boolean enabled,
                              boolean permanent, List<Long> schools, List<String> roles, Instant createdAt,
                              Instant updatedAt, Long createdBy, String createdByName, Long updatedBy,
                              String updatedByName) {
}
