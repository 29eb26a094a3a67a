package org.fractionball.lms.query.reports;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.fractionball.lms.events.reports.ReportExported;
import org.fractionball.lms.events.shared.Caller;
import org.fractionball.lms.projections.ProjectionNames;
import org.fractionball.lms.query.web.QueryRejected;
import org.fractionball.lms.query.web.ReadsFrom;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import javax.sql.DataSource;
import java.io.IOException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Contract §5.19 (SA+): streamed CSV reports, each export audited as {@link ReportExported} before
 * its first byte (D29: the analytics summary too), and the reports dashboard.
 */
@RestController
@Tag(name = "Reports")
public class ReportsController {
    private final ReportStreams streams;
    private final ReportsDashboard dashboard;
    private final EventGateway events;

    public ReportsController(DataSource dataSource, ReportsDashboard dashboard, EventGateway events) {
        this.streams = new ReportStreams(dataSource);
        this.dashboard = dashboard;
        this.events = events;
    }

    @Operation(summary = "The report catalogue, the caller's recent exports and export counts")
    @GetMapping("/api/reports/dashboard/")
    @ReadsFrom({ProjectionNames.AUDIT, ProjectionNames.ACCOUNTS})
    public Map<String, Object> dashboard(Caller caller) {
        return dashboard.of(caller);
    }

    @Operation(summary = "Video views (CSV)", description = "start_date, end_date (YYYY-MM-DD, inclusive, UTC); "
            + "school_id (admins).")
    @GetMapping("/api/reports/views/")
    @ReadsFrom({ProjectionNames.ANALYTICS, ProjectionNames.CONTENT, ProjectionNames.ACCOUNTS})
    public void views(Caller caller, @RequestParam Map<String, String> params, HttpServletResponse response)
            throws IOException {
        ReportRequest request = ReportRequest.dated(caller, params,
                "start_date and end_date parameters are required (YYYY-MM-DD format)");
        String filename = "video_views_report_" + request.start() + "_" + request.end() + ".csv";
        exported("video_views", request.schoolId(), filename, "start_date", request.start().toString(), "end_date",
                request.end().toString());
        csv(response, filename);
        streams.views(request.schoolId(), request.start(), request.end(), response.getOutputStream());
    }

    @Operation(summary = "Resource downloads (CSV)", description = "start_date, end_date (YYYY-MM-DD, inclusive, "
            + "UTC); school_id (admins).")
    @GetMapping("/api/reports/downloads/")
    @ReadsFrom({ProjectionNames.ANALYTICS, ProjectionNames.CONTENT, ProjectionNames.ACCOUNTS})
    public void downloads(Caller caller, @RequestParam Map<String, String> params, HttpServletResponse response)
            throws IOException {
        ReportRequest request = ReportRequest.dated(caller, params,
                "start_date and end_date parameters are required (YYYY-MM-DD format)");
        String filename = "resource_downloads_report_" + request.start() + "_" + request.end() + ".csv";
        exported("resource_downloads", request.schoolId(), filename, "start_date", request.start().toString(),
                "end_date", request.end().toString());
        csv(response, filename);
        streams.downloads(request.schoolId(), request.start(), request.end(), response.getOutputStream());
    }

    @Operation(summary = "Content inventory (CSV)", description = "type (video or resource), status (exact code), "
            + "school_id (admins).")
    @GetMapping("/api/reports/content/")
    @ReadsFrom({ProjectionNames.CONTENT, ProjectionNames.ACCOUNTS})
    public void content(Caller caller, @RequestParam Map<String, String> params, HttpServletResponse response)
            throws IOException {
        String type = params.getOrDefault("type", "video");
        if (!type.equals("video") && !type.equals("resource")) {
            throw new QueryRejected(400, Map.of("error", "Invalid type. Must be \"video\" or \"resource\""));
        }
        Long school = ReportRequest.school(caller, params);
        String status = params.get("status") == null || params.get("status").isEmpty() ? null : params.get("status");
        String filename = type + "_inventory_report_"
                + LocalDate.now(ZoneOffset.UTC).format(DateTimeFormatter.BASIC_ISO_DATE) + ".csv";
        exported(type + "_inventory", school, filename, "status_filter", status);
        csv(response, filename);
        streams.content(type.equals("video"), school, status, response.getOutputStream());
    }

    @Operation(summary = "Views per video (CSV)", description = "start_date, end_date (YYYY-MM-DD, inclusive, UTC); "
            + "school_id (admins, D29).")
    @GetMapping("/api/reports/analytics-summary/")
    @ReadsFrom({ProjectionNames.ANALYTICS, ProjectionNames.CONTENT, ProjectionNames.ACCOUNTS})
    public void analyticsSummary(Caller caller, @RequestParam Map<String, String> params,
                                 HttpServletResponse response) throws IOException {
        ReportRequest request = ReportRequest.dated(caller, params, "start_date and end_date parameters are required");
        String filename = "analytics_summary_" + request.start() + "_" + request.end() + ".csv";
        exported("analytics_summary", request.schoolId(), filename, "start_date", request.start().toString(),
                "end_date", request.end().toString());
        csv(response, filename);
        streams.analyticsSummary(request.schoolId(), request.start(), request.end(), response.getOutputStream());
    }

    /** Publishes the audit event; the caller, address and user agent go into its metadata. */
    private void exported(String report, Long schoolId, String filename, String... filters) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < filters.length; i += 2) {
            values.put(filters[i], filters[i + 1]);
        }
        values.put("filename", filename);
        events.publish(new ReportExported(report, schoolId, values));
    }

    /**
     * Starts the CSV answer. The rows are then written in the request's own thread, straight to the
     * response: an asynchronous body would be dispatched again without the caller's authentication.
     */
    private static void csv(HttpServletResponse response, String filename) {
        response.setStatus(200);
        response.setContentType("text/csv; charset=utf-8");
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + filename + "\"");
    }
}
