package org.fractionball.lms.query.courses;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An enrolment as the command answers show it: the progress of each live item of the course in
 * course order and the percent of them completed, one decimal, half up.
 */
@JsonPropertyOrder({"id", "course_id", "course_title", "user_id", "status", "enrolled_by", "items",
        "completed_items", "total_items", "percent_complete", "enrolled_at", "completed_at", "withdrawn_at",
        "updated_at"})
public record EnrolmentResponse(UUID id, @JsonProperty("course_id") UUID courseId,
                                @JsonProperty("course_title") String courseTitle, @JsonProperty("user_id") long userId,
                                String status, @JsonProperty("enrolled_by") long enrolledBy, List<Item> items,
                                @JsonProperty("completed_items") int completedItems,
                                @JsonProperty("total_items") int totalItems,
                                @JsonProperty("percent_complete") BigDecimal percentComplete,
                                @JsonProperty("enrolled_at") Instant enrolledAt,
                                @JsonProperty("completed_at") Instant completedAt,
                                @JsonProperty("withdrawn_at") Instant withdrawnAt,
                                @JsonProperty("updated_at") Instant updatedAt) {

    @JsonPropertyOrder({"item_id", "type", "status", "started_at", "completed_at"})
    public record Item(@JsonProperty("item_id") UUID itemId, String type, String status,
                       @JsonProperty("started_at") Instant startedAt,
                       @JsonProperty("completed_at") Instant completedAt) {
    }

    static BigDecimal percent(long done, long total) {
        if (total == 0) {
            return new BigDecimal("0.0");
        }
        return BigDecimal.valueOf(100L * done).divide(BigDecimal.valueOf(total), 1, RoundingMode.HALF_UP);
    }
}
