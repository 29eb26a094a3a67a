package org.fractionball.lms.query.admin;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.queryhandling.QueryGateway;
import org.fractionball.lms.projections.ProjectionNames;
import org.fractionball.lms.projections.schools.SchoolView;
import org.fractionball.lms.query.courses.KeptEnrolmentFigures;
import org.fractionball.lms.query.schools.KeptSchools;
import org.fractionball.lms.query.web.Filters;
import org.fractionball.lms.query.web.QueryRejected;
import org.fractionball.lms.query.web.ReadsFrom;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import java.util.LinkedHashMap;
import java.util.Map;

/** Contract §5.8 and §5.7 stats (ADMIN). */
@RestController
@Tag(name = "Admin")
@ReadsFrom({ProjectionNames.ACCOUNTS, ProjectionNames.AUDIT, ProjectionNames.ANALYTICS, ProjectionNames.COURSES})
public class AdminDashboardController {
    private final QueryGateway queries;
    private final KeptSchools schools;
    private final SchoolStatsReads schoolStats;
    private final KeptEnrolmentFigures enrolmentFigures;

    public AdminDashboardController(QueryGateway queries, KeptSchools schools, SchoolStatsReads schoolStats,
                                    KeptEnrolmentFigures enrolmentFigures) {
        this.queries = queries;
        this.schools = schools;
        this.schoolStats = schoolStats;
        this.enrolmentFigures = enrolmentFigures;
    }

    @Operation(summary = "Platform figures and the newest audited actions")
    @GetMapping("/api/admin/dashboard/")
    public Map<String, Object> dashboard() {
        return queries.query(new FindAdminDashboard(), Figures.class).join().values();
    }

    @Operation(summary = "Figures of one school")
    @GetMapping("/api/admin/schools/{id}/stats/")
    public Map<String, Object> schoolStats(@PathVariable("id") String id) {
        long schoolId = Filters.pathId(id);
        SchoolView school = schools.find(schoolId).orElseThrow(() -> QueryRejected.notFound("School"));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("school", school);
        schoolStats.figures(schoolId).fields().forEachRemaining(figure -> answer.put(figure.getKey(), figure.getValue()));
        answer.put("generated_at", GeneratedAt.now());
        // new: each course the school's users are enrolled in, by enrolment status
        answer.put("enrolments", enrolmentFigures.enrolmentsByCourse(schoolId));
        return answer;
    }
}
