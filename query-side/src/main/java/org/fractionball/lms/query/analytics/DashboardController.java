package org.fractionball.lms.query.analytics;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.fractionball.lms.events.shared.Caller;
import org.fractionball.lms.projections.ProjectionNames;
import org.fractionball.lms.query.web.ReadsFrom;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.Map;

/** Contract §5.13: the teacher dashboard, for every role (D12: never a 500 for owners of playlists or viewed videos). */
@RestController
@Tag(name = "Dashboard")
public class DashboardController {
    private final DashboardReads reads;

    public DashboardController(DashboardReads reads) {
        this.reads = reads;
    }

    @Operation(summary = "The caller's dashboard", description = "Month = the 30 UTC days up to today, week = the "
            + "last 7, for the view and download figures; published-content counts by created_at in the last 7×24 h "
            + "and 30×24 h. enrolments.in_progress (new): the caller's active enrolments with percent complete.")
    @GetMapping("/api/dashboard/")
    @ReadsFrom({ProjectionNames.ACCOUNTS, ProjectionNames.CONTENT, ProjectionNames.PLAYLISTS,
            ProjectionNames.ANALYTICS, ProjectionNames.COURSES})
    public Map<String, Object> dashboard(Caller caller) {
        return reads.teacherDashboard(caller);
    }
}
