package org.fractionball.lms.query.content;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.queryhandling.QueryGateway;
import org.fractionball.lms.events.shared.Caller;
import org.fractionball.lms.projections.ProjectionNames;
import org.fractionball.lms.projections.content.ContentView;
import org.fractionball.lms.query.web.PagedResponse;
import org.fractionball.lms.query.web.QueryRejected;
import org.fractionball.lms.query.web.ReadsFrom;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.Map;
import java.util.function.Function;

/**
 * Contract §5.17 reads: the review queues of videos and (new, D15) resources for school admins
 * (their school) and admins (every school), and every user's own review status (§5.17.8). Only
 * GET is mapped on the collections and items, so other methods answer 405 (D14); the workflow
 * actions are commands.
 */
@RestController
@Tag(name = "Content approval")
@ReadsFrom({ProjectionNames.CONTENT, ProjectionNames.ACCOUNTS, ProjectionNames.ANALYTICS})
public class ApprovalQueryController {
    private static final String FILTERS = " Filters status, grade, topic, owner; search (title, description, tags); "
            + "ordering (prefix - for descending; default newest submission first, then newest item); page (20 per "
            + "page). School admins see their school, admins every school.";

    private final ContentListings listings;
    private final QueryGateway queries;

    public ApprovalQueryController(ContentListings listings, QueryGateway queries) {
        this.listings = listings;
        this.queries = queries;
    }

    @Operation(summary = "Videos under review", description = "Every status." + FILTERS)
    @GetMapping("/api/approval/videos/")
    public PagedResponse<VideoResponse> videos(Caller caller, @RequestParam Map<String, String> params) {
        return list(ContentListing.APPROVAL_VIDEOS, caller, params, false, VideoResponse::of);
    }

    @Operation(summary = "Videos waiting for review", description = "Status PENDING." + FILTERS)
    @GetMapping("/api/approval/videos/pending/")
    public PagedResponse<VideoResponse> pendingVideos(Caller caller, @RequestParam Map<String, String> params) {
        return list(ContentListing.APPROVAL_VIDEOS, caller, params, true, VideoResponse::of);
    }

    @Operation(summary = "Review figures of the videos the caller may review")
    @GetMapping("/api/approval/videos/approval_stats/")
    public ApprovalStatsResponse videoStats(Caller caller) {
        return stats(ContentListing.APPROVAL_VIDEOS, caller);
    }

    @Operation(summary = "One video under review")
    @GetMapping("/api/approval/videos/{id}/")
    public VideoResponse video(@PathVariable("id") String id, Caller caller) {
        return VideoResponse.of(find(ContentListing.APPROVAL_VIDEOS, id, caller));
    }

    @Operation(summary = "Resources under review", description = "Every status." + FILTERS)
    @GetMapping("/api/approval/resources/")
    public PagedResponse<ResourceResponse> resources(Caller caller, @RequestParam Map<String, String> params) {
        return list(ContentListing.APPROVAL_RESOURCES, caller, params, false, ResourceResponse::of);
    }

    @Operation(summary = "Resources waiting for review", description = "Status PENDING." + FILTERS)
    @GetMapping("/api/approval/resources/pending/")
    public PagedResponse<ResourceResponse> pendingResources(Caller caller, @RequestParam Map<String, String> params) {
        return list(ContentListing.APPROVAL_RESOURCES, caller, params, true, ResourceResponse::of);
    }

    @Operation(summary = "Review figures of the resources the caller may review")
    @GetMapping("/api/approval/resources/approval_stats/")
    public ApprovalStatsResponse resourceStats(Caller caller) {
        return stats(ContentListing.APPROVAL_RESOURCES, caller);
    }

    @Operation(summary = "One resource under review")
    @GetMapping("/api/approval/resources/{id}/")
    public ResourceResponse resource(@PathVariable("id") String id, Caller caller) {
        return ResourceResponse.of(find(ContentListing.APPROVAL_RESOURCES, id, caller));
    }

    @Operation(summary = "The review status of the caller's own videos (any role)")
    @GetMapping("/api/approval/my-content-status/")
    public MyContentStatusResponse myContentStatus(Caller caller) {
        return queries.query(new FindMyContentStatus(caller.userId()), MyContentStatusResponse.class).join();
    }

    /** {@code pending/} is the listing narrowed to PENDING items; a {@code status} filter still applies on top. */
    private <T> PagedResponse<T> list(ContentListing listing, Caller caller, Map<String, String> params,
                                      boolean pendingOnly, Function<ContentView, T> view) {
        ContentFilter filter = listings.filter(listing, params, reviewScope(caller), null);
        return listings.page(pendingOnly ? filter.narrowedToPending() : filter, params.get("page"), view);
    }

    private ApprovalStatsResponse stats(ContentListing listing, Caller caller) {
        return queries.query(new FindApprovalStats(listing.kind, reviewScope(caller)), ApprovalStatsResponse.class)
                .join();
    }

    private ContentView find(ContentListing listing, String id, Caller caller) {
        Long school = reviewScope(caller);
        return listings.find(listing, id, item -> school == null || item.schoolId() == school);
    }

    /**
     * The school whose items the caller reviews, null for every school (admins). Checked here as
     * well as by path: the owner's own actions under the same prefix are open to every role.
     */
    private static Long reviewScope(Caller caller) {
        if (!caller.isSchoolAdminOrAbove()) {
            throw new QueryRejected(403, Map.of("detail", "You do not have permission to perform this action."));
        }
        return caller.isAdmin() ? null : caller.schoolId();
    }
}
