package org.fractionball.lms.query.courses;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A course as the command answers show it: its live items in order, numbered 1..n. */
@JsonPropertyOrder({"id", "title", "description", "grade_band", "school", "status", "items", "item_count",
        "created_by", "created_at", "updated_at"})
public record CourseResponse(UUID id, String title, String description,
                             @JsonProperty("grade_band") String gradeBand, Long school, String status,
                             List<Item> items, @JsonProperty("item_count") int itemCount,
                             @JsonProperty("created_by") long createdBy, @JsonProperty("created_at") Instant createdAt,
                             @JsonProperty("updated_at") Instant updatedAt) {

    @JsonPropertyOrder({"position", "type", "id", "title"})
    public record Item(int position, String type, UUID id, String title) {
    }
}
