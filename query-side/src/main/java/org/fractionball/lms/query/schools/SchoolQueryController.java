package org.fractionball.lms.query.schools;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.fractionball.lms.projections.ProjectionNames;
import org.fractionball.lms.projections.schools.SchoolView;
import org.fractionball.lms.query.web.Filters;
import org.fractionball.lms.query.web.PageRequest;
import org.fractionball.lms.query.web.PagedResponse;
import org.fractionball.lms.query.web.QueryRejected;
import org.fractionball.lms.query.web.ReadsFrom;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Contract §5.3 reads (ADMIN): the school list and one school. */
@RestController
@Tag(name = "Schools")
@ReadsFrom(ProjectionNames.ACCOUNTS)
public class SchoolQueryController {
    private final QueryGateway queries;
    private final KeptSchools schools;

    public SchoolQueryController(QueryGateway queries, KeptSchools schools) {
        this.queries = queries;
        this.schools = schools;
    }

    @Operation(summary = "List schools by name", description = "Filter is_active=true|false|1|0; 20 per page.")
    @GetMapping({"/api/schools/", "/api/admin/schools/"})
    public PagedResponse<SchoolView> list(@RequestParam(name = "is_active", required = false) String isActive,
                                          @RequestParam(name = "page", required = false) String page) {
        PageRequest request = PageRequest.parse(page);
        Boolean active = Filters.lenientBoolean(isActive);
        long count = queries.query(new CountSchools(active), Long.class).join();
        int number = request.resolve(count);
        var results = queries.query(new FindSchools(active, request.offset(number), request.size()),
                ResponseTypes.multipleInstancesOf(SchoolView.class)).join();
        return PagedResponse.of(count, number, request.size(), results);
    }

    @Operation(summary = "One school")
    @GetMapping({"/api/schools/{id}/", "/api/admin/schools/{id}/"})
    public SchoolView get(@PathVariable("id") String id) {
        long schoolId = Filters.pathId(id);
        return schools.find(schoolId).orElseThrow(() -> QueryRejected.notFound("School"));
    }
}
