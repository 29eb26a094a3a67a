package org.fractionball.lms.command.courses;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A course as {@code GET /api/courses/{id}/} shows it: items in order, numbered 1..n, only those
 * whose activity, video or resource is live.
 */
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

    public static CourseResponse of(CourseResult result) {
        CourseState s = result.state();
        List<Item> items = new ArrayList<>();
        for (CourseTarget target : result.items()) {
            items.add(new Item(items.size() + 1, target.type().value(), target.id(), target.title()));
        }
        return new CourseResponse(s.courseId(), s.details().title(), s.details().description(),
                s.details().gradeBand(), s.schoolId(), s.status().value(), items, items.size(), s.createdBy(),
                s.createdAt(), s.updatedAt());
    }
}
