package org.fractionball.lms.query.activities;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.fractionball.lms.events.activities.ActivityLocation;
import org.fractionball.lms.events.content.Grade;
import org.fractionball.lms.events.shared.Caller;
import org.fractionball.lms.projections.ProjectionNames;
import org.fractionball.lms.projections.activities.ActivityView;
import org.fractionball.lms.query.web.Filters;
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
import java.util.regex.Pattern;

/**
 * Curriculum activities (contract A.1, A.2 as a JSON API) for every signed-in role: published ones
 * only, except for ADMINs (all in the detail; in the listing with {@code include_unpublished=true}).
 */
@RestController
@Tag(name = "Activities")
@ReadsFrom({ProjectionNames.ACTIVITIES, ProjectionNames.CONTENT})
public class ActivityQueryController {
    private static final Pattern SLUG = Pattern.compile("[-a-zA-Z0-9_]{1,200}");

    private final QueryGateway queries;

    public ActivityQueryController(QueryGateway queries) {
        this.queries = queries;
    }

    @Operation(summary = "List activities", description = "Published only (ADMIN: include_unpublished=true for all). "
            + "Filters grade (K, 1 … 8), topic (one entry of topics, any case), location (classroom, court, both), "
            + "q (title or description contains, any case). Ordered by grade (K first), order, activity_number; "
            + "page (20 per page).")
    @GetMapping("/api/activities/")
    public PagedResponse<ActivityResponse> list(Caller caller, @RequestParam Map<String, String> params) {
        ActivityFilter filter = filter(params, caller);
        PageRequest request = PageRequest.parse(params.get("page"));
        long count = queries.query(new CountActivities(filter), Long.class).join();
        int page = request.resolve(count);
        List<ActivityView> activities = queries.query(new FindActivities(filter, request.offset(page), request.size()),
                ResponseTypes.multipleInstancesOf(ActivityView.class)).join();
        return PagedResponse.of(count, page, request.size(), activities.stream().map(ActivityResponse::of).toList());
    }

    @Operation(summary = "One activity by slug (any case)", description = "Unpublished: ADMIN only, else 404.")
    @GetMapping("/api/activities/{slug}/")
    public ActivityResponse detail(@PathVariable("slug") String slug, Caller caller) {
        if (!SLUG.matcher(slug).matches()) {
            throw QueryRejected.plainNotFound();
        }
        Optional<ActivityView> activity = queries.query(new FindActivity(slug),
                ResponseTypes.optionalInstanceOf(ActivityView.class)).join();
        return activity.filter(a -> a.published() || caller.isAdmin()).map(ActivityResponse::of)
                .orElseThrow(QueryRejected::plainNotFound);
    }

    /** The query string as a filter, every bad value reported at once with django-filter's message. */
    private static ActivityFilter filter(Map<String, String> params, Caller caller) {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        String grade = value(params, "grade");
        if (grade != null && !Grade.isValid(grade)) {
            errors.put("grade", List.of(invalidChoice(grade)));
        }
        String location = value(params, "location");
        if (location != null && ActivityLocation.parse(location) == null) {
            errors.put("location", List.of(invalidChoice(location)));
        }
        if (!errors.isEmpty()) {
            throw new QueryRejected(400, errors);
        }
        boolean all = caller.isAdmin() && Boolean.TRUE.equals(Filters.lenientBoolean(params.get("include_unpublished")));
        return new ActivityFilter(!all, grade, value(params, "topic"), ActivityLocation.parse(location),
                value(params, "q"));
    }

    /** A filter value as Django's form fields read it: stripped, blank means "no filter"; NUL matches no text. */
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
