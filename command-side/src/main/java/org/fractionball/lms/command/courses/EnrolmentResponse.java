package org.fractionball.lms.command.courses;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.fractionball.lms.events.courses.CourseItem;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * An enrolment as {@code GET /api/enrolments/{id}/} shows it: the progress of each item of the
 * course in course order ({@code not_started}, {@code started}, {@code completed}) and the percent
 * of the items completed, with one decimal.
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

    public static EnrolmentResponse of(EnrolmentResult result) {
        EnrolmentState s = result.state();
        List<Item> items = new ArrayList<>();
        int done = 0;
        for (CourseItem item : result.course().items()) {
            Instant started = s.started().get(item.id());
            Instant completed = s.completed().get(item.id());
            String status = completed != null ? "completed" : started != null ? "started" : "not_started";
            if (completed != null) {
                done++;
            }
            items.add(new Item(item.id(), item.type().value(), status, started, completed));
        }
        return new EnrolmentResponse(s.enrolmentId(), s.courseId(), result.course().details().title(), s.userId(),
                s.status().value(), s.enrolledBy(), items, done, items.size(), percent(done, items.size()),
                s.enrolledAt(), s.completedAt(), s.withdrawnAt(), s.updatedAt());
    }

    /** {@code done / total} as a percentage with one decimal, half up (as PostgreSQL's round). */
    static BigDecimal percent(int done, int total) {
        if (total == 0) {
            return new BigDecimal("0.0");
        }
        return BigDecimal.valueOf(100L * done).divide(BigDecimal.valueOf(total), 1, RoundingMode.HALF_UP);
    }
}
