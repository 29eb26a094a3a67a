package org.fractionball.lms.command.courses;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.fractionball.lms.command.web.CommandRejected;
import org.fractionball.lms.command.web.CommandSender;
import org.fractionball.lms.command.web.PathIds;
import org.fractionball.lms.command.web.RequestFields;
import org.fractionball.lms.command.web.WritePositions;
import org.fractionball.lms.events.shared.AggregateIds;
import org.fractionball.lms.events.shared.Caller;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/** Enrolment writes: enrol oneself or a school's users, record progress, withdraw. */
@RestController
@Tag(name = "Enrolments")
public class EnrolmentCommandController {
    static final int MAX_USERS = 100;
    private static final Pattern UUID_SHAPE =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private final CommandSender commands;
    private final WritePositions positions;

    public EnrolmentCommandController(CommandSender commands, WritePositions positions) {
        this.commands = commands;
        this.positions = positions;
    }

    @Operation(summary = "Enrol oneself in a published course", description = "409 when already enrolled; a "
            + "withdrawn enrolment is reopened with its progress.")
    @PostMapping("/api/courses/{id}/enrol/")
    public ResponseEntity<Object> enrol(@PathVariable("id") String id, Caller caller) {
        UUID courseId = PathIds.uuid(id);
        EnrolmentBatch batch = send(new EnrolInCourse(courseId, List.of(caller.userId()), caller));
        if (batch.enrolled().isEmpty()) {
            throw CommandRejected.conflict(Enrolment.ALREADY_ENROLLED);
        }
        return answer(batch, 201, EnrolmentResponse.of(batch.enrolled().get(0)));
    }

    @Operation(summary = "Enrol users of a school in a published course (SA+)", description = "course_id, user_ids "
            + "(at most 100; a SCHOOL_ADMIN's own school only). Answers the new enrolments under results and the "
            + "users enrolled before under already_enrolled; 409 when every user was.")
    @PostMapping("/api/enrolments/")
    public ResponseEntity<Object> enrolUsers(@RequestBody(required = false) JsonNode body, Caller caller) {
        Course.requireManagerRole(caller);
        RequestFields fields = RequestFields.of(body, false);
        String course = fields.string("course_id", true, 36, false);
        if (course != null && !UUID_SHAPE.matcher(course).matches()) {
            fields.error("course_id", "Must be a valid UUID.");
        }
        List<Long> userIds = userIds(fields, body);
        fields.validate();
        EnrolmentBatch batch = send(new EnrolInCourse(UUID.fromString(course), userIds, caller));
        if (batch.enrolled().isEmpty()) {
            throw CommandRejected.error(409, "Every user is already enrolled in this course.", "already_enrolled",
                    batch.alreadyEnrolled());
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("results", batch.enrolled().stream().map(EnrolmentResponse::of).toList());
        answer.put("already_enrolled", batch.alreadyEnrolled());
        return answer(batch, 201, answer);
    }

    @Operation(summary = "Record progress on an item (the enrolled user)", description = "item_id, status: started | "
            + "completed. Repeating it changes nothing. Completing the last item completes the enrolment.")
    @PostMapping("/api/enrolments/{id}/progress/")
    public ResponseEntity<Object> progress(@PathVariable("id") String id, @RequestBody(required = false) JsonNode body,
                                           Caller caller) {
        UUID enrolmentId = PathIds.uuid(id);
        RequestFields fields = RequestFields.of(body, false);
        String item = fields.string("item_id", true, 36, false);
        if (item != null && !UUID_SHAPE.matcher(item).matches()) {
            fields.error("item_id", "Must be a valid UUID.");
        }
        String status = fields.choice("status", true, List.of("started", "completed"));
        fields.validate();
        RecordProgress command = new RecordProgress(enrolmentId, UUID.fromString(item), status.equals("completed"),
                caller);
        return commands.send(command.aggregateId(), command, Enrolment.MODEL, 200, EnrolmentResponse::of);
    }

    @Operation(summary = "Withdraw an enrolment", description = "The enrolled user, its school admin or an ADMIN. "
            + "Already withdrawn: answered as is; completed: 400.")
    @PostMapping("/api/enrolments/{id}/withdraw/")
    public ResponseEntity<Object> withdraw(@PathVariable("id") String id, Caller caller) {
        UUID enrolmentId = PathIds.uuid(id);
        WithdrawEnrolment command = new WithdrawEnrolment(enrolmentId, caller);
        return commands.send(command.aggregateId(), command, Enrolment.MODEL, 200, EnrolmentResponse::of);
    }

    /**
     * Sends the enrolment; when a racing request enrolled one of the users first (the event store
     * refused the second stream), the retry finds that enrolment and answers accordingly.
     */
    private EnrolmentBatch send(EnrolInCourse command) {
        try {
            return commands.sendWithRetry(command, Course.MODEL);
        } catch (AggregateStreamCreationException raced) {
            try {
                return commands.sendWithRetry(command, Course.MODEL);
            } catch (AggregateStreamCreationException again) {
                throw CommandRejected.conflict(Enrolment.ALREADY_ENROLLED);
            }
        }
    }

    private ResponseEntity<Object> answer(EnrolmentBatch batch, int status, Object body) {
        UUID last = batch.enrolled().get(batch.enrolled().size() - 1).state().enrolmentId();
        return ResponseEntity.status(status)
                .header(CommandSender.EVENT_POSITION_HEADER,
                        Long.toString(positions.recordLatestWrite(AggregateIds.enrolment(last))))
                .body(body);
    }

    private static List<Long> userIds(RequestFields fields, JsonNode body) {
        JsonNode value = body == null ? null : body.get("user_ids");
        if (value == null || value.isNull()) {
            fields.error("user_ids", value == null ? "This field is required." : "This field may not be null.");
            return null;
        }
        if (!value.isArray()) {
            fields.error("user_ids", "Expected a list of items but got type \"" + CourseFields.typeName(value)
                    + "\".");
            return null;
        }
        if (value.isEmpty()) {
            fields.error("user_ids", "This list may not be empty.");
            return null;
        }
        if (value.size() > MAX_USERS) {
            fields.error("user_ids", "Ensure this field has no more than " + MAX_USERS + " elements.");
            return null;
        }
        List<Long> ids = new ArrayList<>();
        for (JsonNode id : value) {
            if (!id.isIntegralNumber() || !id.canConvertToLong() || id.longValue() < 1) {
                fields.error("user_ids", "Incorrect type. Expected pk value, received " + CourseFields.typeName(id)
                        + ".");
                return null;
            }
            ids.add(id.longValue());
        }
        return ids;
    }
}
