package org.fractionball.lms.command.courses;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;
import org.fractionball.lms.command.accounts.UserRegistry;
import org.fractionball.lms.command.web.CommandRejected;
import org.fractionball.lms.events.courses.CourseStatus;
import org.fractionball.lms.events.courses.EnrolmentStatus;
import org.fractionball.lms.events.courses.UserEnrolled;
import org.fractionball.lms.events.shared.AggregateIds;
import org.fractionball.lms.events.shared.Caller;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Enrols users (in user id order). Each enrolment's id is derived from (course, user), so a second
 * enrolment of a pair finds the first; two racing first enrolments both try to append event 0 of
 * the same stream and the event store's unique key refuses the later one.
 */
@Component
public class Enrolments {
    static final String NOT_OPEN = "This course is not open for enrolment.";
    static final String OTHER_SCHOOL = "is not a member of the course's school.";

    private final Repository<Enrolment> enrolments;
    private final CourseCatalogue courses;
    private final UserRegistry users;

    public Enrolments(Repository<Enrolment> enrolments, CourseCatalogue courses, UserRegistry users) {
        this.enrolments = enrolments;
        this.courses = courses;
        this.users = users;
    }

    @CommandHandler
    public EnrolmentBatch handle(EnrolInCourse command) throws Exception {
        Caller by = command.by();
        boolean self = command.userIds().equals(List.of(by.userId()));
        if (!self) {
            Course.requireManagerRole(by);
        }
        // Every enrolment is locked before the course, as progress and withdrawal lock them: a new one
        // is created (and locked) before the course is checked; a refusal below rolls it back unstored.
        List<Long> userIds = new ArrayList<>(new TreeSet<>(command.userIds()));
        Map<Long, Aggregate<Enrolment>> existing = new HashMap<>();
        Map<Long, EnrolmentState> created = new HashMap<>();
        for (long userId : userIds) {
            UUID enrolmentId = EnrolmentIds.of(command.courseId(), userId);
            Aggregate<Enrolment> enrolment = load(enrolmentId);
            if (enrolment != null) {
                existing.put(userId, enrolment);
            } else {
                UserEnrolled event = new UserEnrolled(enrolmentId, command.courseId(), userId, by.userId());
                created.put(userId, enrolments.newInstance(() -> new Enrolment(event)).invoke(Enrolment::state));
            }
        }
        CourseState course = courses.find(command.courseId());
        if (course == null || !Course.visibleTo(course.schoolId(), course.status(), by)) {
            throw CommandRejected.notFound(Course.MODEL);
        }
        if (course.status() != CourseStatus.PUBLISHED) {
            throw CommandRejected.error(400, NOT_OPEN);
        }
        for (long userId : userIds) {
            Long school = users.schoolOf(userId);
            if (school == null || !self && !by.isAdmin() && school != by.schoolId()) {
                throw CommandRejected.field(400, "user_ids", "Invalid pk \"" + userId + "\" - object does not exist.");
            }
            if (course.schoolId() != null && !Objects.equals(course.schoolId(), school)) {
                throw CommandRejected.field(400, "user_ids", "User " + userId + " " + OTHER_SCHOOL);
            }
        }
        List<EnrolmentResult> enrolled = new ArrayList<>();
        List<Long> already = new ArrayList<>();
        for (long userId : userIds) {
            Aggregate<Enrolment> enrolment = existing.get(userId);
            if (enrolment == null) {
                enrolled.add(new EnrolmentResult(created.get(userId), course));
            } else if (enrolment.invoke(Enrolment::state).status() == EnrolmentStatus.WITHDRAWN) {
                enrolled.add(new EnrolmentResult(enrolment.invoke(e -> e.reopen(by, course)), course));
            } else {
                already.add(userId);
            }
        }
        return new EnrolmentBatch(enrolled, already);
    }

    private Aggregate<Enrolment> load(UUID enrolmentId) {
        try {
            return enrolments.load(AggregateIds.enrolment(enrolmentId));
        } catch (AggregateNotFoundException none) {
            return null;
        }
    }
}
