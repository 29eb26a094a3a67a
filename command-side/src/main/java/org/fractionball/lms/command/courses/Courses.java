package org.fractionball.lms.command.courses;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Repository;
import org.fractionball.lms.command.schools.SchoolDomains;
import org.fractionball.lms.command.web.CommandRejected;
import org.fractionball.lms.events.courses.CourseCreated;
import org.fractionball.lms.events.courses.CourseItem;
import org.fractionball.lms.events.courses.CourseStatus;
import org.fractionball.lms.events.shared.Caller;
import org.springframework.stereotype.Component;

import java.util.List;

/** Creates courses and answers with their state (an aggregate constructor can only return its id). */
@Component
public class Courses {
    private final Repository<Course> courses;
    private final CourseTargets targets;
    private final SchoolDomains schools;

    public Courses(Repository<Course> courses, CourseTargets targets, SchoolDomains schools) {
        this.courses = courses;
        this.targets = targets;
        this.schools = schools;
    }

    @CommandHandler
    public CourseResult handle(CreateCourse command) throws Exception {
        Caller by = command.by();
        Course.requireManagerRole(by);
        CourseEdit edit = command.edit();
        // a SCHOOL_ADMIN's courses are always its school's; an ADMIN's are global unless it names a school
        Long school = by.isAdmin() ? edit.school() : Long.valueOf(by.schoolId());
        if (school != null && !schools.isRegistered(school)) {
            throw CommandRejected.field(400, "school", "Invalid pk \"" + school + "\" - object does not exist.");
        }
        CourseState blank = new CourseState(command.courseId(), school, CourseEdit.EMPTY, List.of(),
                CourseStatus.DRAFT, by.userId(), null, null);
        CourseResult resolved = CourseItems.resolve(blank, edit.items() == null ? List.of() : edit.items(), school,
                targets);
        List<CourseItem> items = resolved.items().stream().map(t -> new CourseItem(t.type(), t.id())).toList();
        CourseCreated created = new CourseCreated(command.courseId(), school, edit.applyTo(CourseEdit.EMPTY), items,
                by.userId());
        CourseState state = courses.newInstance(() -> new Course(created)).invoke(Course::state);
        return new CourseResult(state, resolved.items());
    }
}
