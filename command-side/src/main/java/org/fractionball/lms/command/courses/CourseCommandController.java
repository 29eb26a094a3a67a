package org.fractionball.lms.command.courses;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.fractionball.lms.command.web.CommandSender;
import org.fractionball.lms.command.web.PathIds;
import org.fractionball.lms.events.shared.AggregateIds;
import org.fractionball.lms.events.shared.Caller;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.util.UUID;

/**
 * Course writes: SCHOOL_ADMINs (their school's courses) and ADMINs (every course; global ones are
 * theirs alone). The role is checked first, so teachers get 403 whatever the id or body.
 */
@RestController
@Tag(name = "Courses")
public class CourseCommandController {
    private final CommandSender commands;

    public CourseCommandController(CommandSender commands) {
        this.commands = commands;
    }

    @Operation(summary = "Add a draft course (SA+)", description = "title (required), description, grade_band (a "
            + "grade or a range such as 3-5), items: [{type: activity|video|resource, id}] in order. An ADMIN's "
            + "course is global unless it names a school; a SCHOOL_ADMIN's is its school's.")
    @PostMapping("/api/courses/")
    public ResponseEntity<Object> create(@RequestBody(required = false) JsonNode body, Caller caller) {
        Course.requireManagerRole(caller);
        CreateCourse command = new CreateCourse(UUID.randomUUID(), CourseFields.forCreate(body), caller);
        return commands.send(command.aggregateId(), command, Course.MODEL, 201, CourseResponse::of);
    }

    @Operation(summary = "Replace a course's fields (SA+)", description = "items, when given, replace the whole list.")
    @PutMapping("/api/courses/{id}/")
    public ResponseEntity<Object> replace(@PathVariable("id") String id, @RequestBody(required = false) JsonNode body,
                                          Caller caller) {
        return change(id, body, false, caller);
    }

    @Operation(summary = "Change some of a course's fields (SA+)")
    @PatchMapping("/api/courses/{id}/")
    public ResponseEntity<Object> patch(@PathVariable("id") String id, @RequestBody(required = false) JsonNode body,
                                        Caller caller) {
        return change(id, body, true, caller);
    }

    @Operation(summary = "Delete a draft course (SA+)", description = "Published courses are archived instead.")
    @DeleteMapping("/api/courses/{id}/")
    public ResponseEntity<Object> delete(@PathVariable("id") String id, Caller caller) {
        Course.requireManagerRole(caller);
        UUID courseId = PathIds.uuid(id);
        return commands.send(AggregateIds.course(courseId), new DeleteCourse(courseId, caller), Course.MODEL, 204,
                (Object ignored) -> null);
    }

    @Operation(summary = "Open a draft course for enrolment (SA+)", description = "Already published: answered as is.")
    @PostMapping("/api/courses/{id}/publish/")
    public ResponseEntity<Object> publish(@PathVariable("id") String id, Caller caller) {
        Course.requireManagerRole(caller);
        UUID courseId = PathIds.uuid(id);
        return commands.send(AggregateIds.course(courseId), new PublishCourse(courseId, caller), Course.MODEL, 200,
                CourseResponse::of);
    }

    @Operation(summary = "Retire a course (SA+)", description = "No new enrolments or progress; enrolments stay "
            + "readable. Already archived: answered as is.")
    @PostMapping("/api/courses/{id}/archive/")
    public ResponseEntity<Object> archive(@PathVariable("id") String id, Caller caller) {
        Course.requireManagerRole(caller);
        UUID courseId = PathIds.uuid(id);
        return commands.send(AggregateIds.course(courseId), new ArchiveCourse(courseId, caller), Course.MODEL, 200,
                CourseResponse::of);
    }

    private ResponseEntity<Object> change(String id, JsonNode body, boolean partial, Caller caller) {
        Course.requireManagerRole(caller);
        UUID courseId = PathIds.uuid(id);
        ChangeCourse command = new ChangeCourse(courseId, CourseFields.forEdit(body, partial), caller);
        return commands.send(command.aggregateId(), command, Course.MODEL, 200, CourseResponse::of);
    }
}
