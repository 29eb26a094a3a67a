package org.fractionball.lms.query.courses;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.fractionball.lms.projections.KeptValues;
import org.fractionball.lms.projections.ProjectionNames;
import org.fractionball.lms.projections.ReadModelSubscriber;
import org.fractionball.lms.projections.library.LibraryVersions;
import org.fractionball.lms.query.web.BoundedKeptValues;
import org.fractionball.lms.query.web.PreparedJson;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Set;

/**
 * The dashboards' enrolment figures (a user's courses in progress, a school's enrolments by course),
 * kept on this node as their JSON between requests (a PostgreSQL round trip saved on every dashboard)
 * and forgotten when a change of anything they are computed from is heard: the courses projection's
 * tables (enrolments, progress, courses), the activities' and content's (an item deleted from the read
 * side stops counting; every content change raises its school's library version) and users' (a
 * removed user's enrolments stop counting), or a rebuild of one of them going live.
 */
@Component
public class KeptEnrolmentFigures implements ReadModelSubscriber {
    private static final Set<String> TOPICS = Set.of(ProjectionNames.COURSES, ProjectionNames.ACTIVITIES,
            ProjectionNames.ACCOUNTS, ProjectionNames.CONTENT, LibraryVersions.TABLE);
    /** A safety net only: changes are heard, not waited out. */
    private static final Duration KEEP_AT_MOST = Duration.ofMinutes(5);

    private final CourseQueries courses;
    private final ObjectMapper json;
    private final KeptValues<Long, PreparedJson> inProgress = BoundedKeptValues.of(100_000, KEEP_AT_MOST);
    private final KeptValues<Long, PreparedJson> bySchool = BoundedKeptValues.of(100_000, KEEP_AT_MOST);

    public KeptEnrolmentFigures(CourseQueries courses, ObjectMapper json) {
        this.courses = courses;
        this.json = json;
    }

    /** {@link FindCoursesInProgress} of the user, as JSON. */
    public PreparedJson coursesInProgress(long userId) {
        return inProgress.get(userId, () -> write(courses.handle(new FindCoursesInProgress(userId))));
    }

    /** {@link FindCourseEnrolmentStats} of the school, as JSON. */
    public PreparedJson enrolmentsByCourse(long schoolId) {
        return bySchool.get(schoolId, () -> write(courses.handle(new FindCourseEnrolmentStats(schoolId))));
    }

    private PreparedJson write(Object figures) {
        try {
            return PreparedJson.of(json.writeValueAsString(figures));
        } catch (JsonProcessingException unwritable) {
            throw new IllegalStateException("Enrolment figures could not be written as JSON", unwritable);
        }
    }

    @Override
    public boolean concerns(String topic) {
        return TOPICS.contains(topic);
    }

    @Override
    public void invalidate() {
        inProgress.invalidate();
        bySchool.invalidate();
    }

    @Override
    public void hearing(boolean hearing) {
        inProgress.hearing(hearing);
        bySchool.hearing(hearing);
    }
}
