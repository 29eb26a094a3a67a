package org.fractionball.lms.query.courses;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.fractionball.lms.events.courses.CourseStatus;
import org.fractionball.lms.events.courses.EnrolmentStatus;
import org.fractionball.lms.events.shared.Caller;
import org.fractionball.lms.projections.ProjectionNames;
import org.fractionball.lms.query.web.PageRequest;
import org.fractionball.lms.query.web.PagedResponse;
import org.fractionball.lms.query.web.QueryRejected;
import org.fractionball.lms.query.web.ReadsFrom;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Courses and enrolments for every signed-in role, each seeing its own share: teachers the
 * published courses of their school and the global ones and their own enrolments; SCHOOL_ADMINs
 * their school's courses (any status), the global ones past draft, and their school's enrolments;
 * ADMINs everything. What a caller cannot see is a 404.
 */
@RestController
@Tag(name = "Courses")
@ReadsFrom({ProjectionNames.COURSES, ProjectionNames.CONTENT, ProjectionNames.ACTIVITIES, ProjectionNames.ACCOUNTS})
public class CourseQueryController {
    private static final Pattern UUID_SHAPE =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern INTEGER = Pattern.compile("\\d{1,18}");

    private final QueryGateway queries;

    public CourseQueryController(QueryGateway queries) {
        this.queries = queries;
    }

    @Operation(summary = "List courses", description = "Filters status (draft, published, archived), school (a school "
            + "id, or global), grade_band (exact), search (title or description contains, any case). Ordered by "
            + "title; page (20 per page).")
    @GetMapping("/api/courses/")
    public PagedResponse<CourseResponse> courses(Caller caller, @RequestParam Map<String, String> params) {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        String status = value(params, "status");
        if (status != null && CourseStatus.parse(status) == null) {
            errors.put("status", List.of(invalidChoice(status)));
        }
        String school = value(params, "school");
        boolean global = "global".equals(school);
        if (school != null && !global && !INTEGER.matcher(school).matches()) {
            errors.put("school", List.of("Enter a number."));
        }
        if (!errors.isEmpty()) {
            throw new QueryRejected(400, errors);
        }
        CourseFilter filter = new CourseFilter(CourseScope.of(caller), status,
                school == null || global ? null : Long.valueOf(school), global, value(params, "grade_band"),
                value(params, "search"));
        PageRequest request = PageRequest.parse(params.get("page"));
        long count = queries.query(new CountCourses(filter), Long.class).join();
        int page = request.resolve(count);
        List<CourseResponse> courses = queries.query(new FindCourses(filter, request.offset(page), request.size()),
                ResponseTypes.multipleInstancesOf(CourseResponse.class)).join();
        return PagedResponse.of(count, page, request.size(), courses);
    }

    @Operation(summary = "One course", description = "404 when the caller does not see it.")
    @GetMapping("/api/courses/{id}/")
    public CourseResponse course(@PathVariable("id") String id, Caller caller) {
        Optional<CourseResponse> course = queries.query(new FindCourse(uuid(id), CourseScope.of(caller)),
                ResponseTypes.optionalInstanceOf(CourseResponse.class)).join();
        return course.orElseThrow(() -> QueryRejected.notFound("Course"));
    }

    @Operation(summary = "List enrolments", description = "Teachers: their own; SCHOOL_ADMIN: its school's users'; "
            + "ADMIN: all. Filters user (id), course (id), status (active, completed, withdrawn). Newest first; page "
            + "(20 per page).")
    @GetMapping("/api/enrolments/")
    public PagedResponse<EnrolmentResponse> enrolments(Caller caller, @RequestParam Map<String, String> params) {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        String user = value(params, "user");
        if (user != null && !INTEGER.matcher(user).matches()) {
            errors.put("user", List.of("Enter a number."));
        }
        String course = value(params, "course");
        if (course != null && !UUID_SHAPE.matcher(course).matches()) {
            errors.put("course", List.of("Enter a valid UUID."));
        }
        String status = value(params, "status");
        if (status != null && EnrolmentStatus.parse(status) == null) {
            errors.put("status", List.of(invalidChoice(status)));
        }
        if (!errors.isEmpty()) {
            throw new QueryRejected(400, errors);
        }
        EnrolmentFilter filter = new EnrolmentFilter(CourseScope.of(caller), user == null ? null : Long.valueOf(user),
                course == null ? null : UUID.fromString(course), status);
        PageRequest request = PageRequest.parse(params.get("page"));
        long count = queries.query(new CountEnrolments(filter), Long.class).join();
        int page = request.resolve(count);
        List<EnrolmentResponse> enrolments = queries.query(new FindEnrolments(filter, request.offset(page),
                request.size()), ResponseTypes.multipleInstancesOf(EnrolmentResponse.class)).join();
        return PagedResponse.of(count, page, request.size(), enrolments);
    }

    @Operation(summary = "One enrolment with its progress", description = "404 when the caller does not see it.")
    @GetMapping("/api/enrolments/{id}/")
    public EnrolmentResponse enrolment(@PathVariable("id") String id, Caller caller) {
        Optional<EnrolmentResponse> enrolment = queries.query(new FindEnrolment(uuid(id), CourseScope.of(caller)),
                ResponseTypes.optionalInstanceOf(EnrolmentResponse.class)).join();
        return enrolment.orElseThrow(() -> QueryRejected.notFound("Enrolment"));
    }

    private static UUID uuid(String segment) {
        if (!UUID_SHAPE.matcher(segment).matches()) {
            throw QueryRejected.plainNotFound();
        }
        return UUID.fromString(segment);
    }

    /** A filter value as Django's form fields read it: stripped, blank means "no filter". */
    private static String value(Map<String, String> params, String name) {
        String value = params.get(name);
        if (value == null) {
            return null;
        }
        String stripped = value.replace("\u0000", "").strip();
        return stripped.isEmpty() ? null : stripped;
    }

    private static String invalidChoice(String value) {
        return "Select a valid choice. " + value + " is not one of the available choices.";
    }
}
