package org.fractionball.lms.query.content;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.fractionball.lms.events.content.ContentStatus;
import org.fractionball.lms.events.shared.Caller;
import org.fractionball.lms.projections.ProjectionNames;
import org.fractionball.lms.projections.content.ContentView;
import org.fractionball.lms.query.web.PagedResponse;
import org.fractionball.lms.query.web.ReadsFrom;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.Map;
import java.util.function.Function;

/**
 * Contract §5.9 and §5.10 reads. Everyone, admins included, sees only the own school; a teacher
 * sees its own items of any status and the published items of others; school admins and admins
 * see every item of the school. {@code search} and {@code ordering} work (fixing D9).
 */
@RestController
@Tag(name = "Content")
@ReadsFrom({ProjectionNames.CONTENT, ProjectionNames.ACCOUNTS})
public class ContentQueryController {
    private final ContentListings listings;

    public ContentQueryController(ContentListings listings) {
        this.listings = listings;
    }

    @Operation(summary = "List videos", description = "Own school only; teachers see their own videos and published "
            + "ones. Filters grade, topic, status, owner; search (title, description, tags); ordering by title, "
            + "created_at, updated_at, grade, topic, duration, file_size, status (prefix - for descending; default "
            + "newest first); page (20 per page).")
    @GetMapping("/api/videos/")
    public PagedResponse<VideoResponse> videos(Caller caller, @RequestParam Map<String, String> params) {
        return list(ContentListing.VIDEOS, caller, params, VideoResponse::of);
    }

    @Operation(summary = "One video")
    @GetMapping("/api/videos/{id}/")
    public VideoResponse video(@PathVariable("id") String id, Caller caller) {
        return VideoResponse.of(listings.find(ContentListing.VIDEOS, id, item -> visible(item, caller)));
    }

    @Operation(summary = "List resources", description = "Own school only; teachers see their own resources and "
            + "published ones. Filters file_type, grade, topic, status, owner; search (title, description, tags); "
            + "ordering by title, created_at, updated_at, grade, topic, file_type, file_size, status (prefix - for "
            + "descending; default newest first); page (20 per page).")
    @GetMapping("/api/resources/")
    public PagedResponse<ResourceResponse> resources(Caller caller, @RequestParam Map<String, String> params) {
        return list(ContentListing.RESOURCES, caller, params, ResourceResponse::of);
    }

    @Operation(summary = "One resource")
    @GetMapping("/api/resources/{id}/")
    public ResourceResponse resource(@PathVariable("id") String id, Caller caller) {
        return ResourceResponse.of(listings.find(ContentListing.RESOURCES, id, item -> visible(item, caller)));
    }

    private <T> PagedResponse<T> list(ContentListing listing, Caller caller, Map<String, String> params,
                                      Function<ContentView, T> view) {
        ContentFilter filter = listings.filter(listing, params, caller.schoolId(),
                caller.isSchoolAdminOrAbove() ? null : caller.userId());
        return listings.page(filter, params.get("page"), view);
    }

    /** §5.9 visibility: the own school; for a teacher, its own items and published ones. */
    private static boolean visible(ContentView item, Caller caller) {
        return item.schoolId() == caller.schoolId() && (caller.isSchoolAdminOrAbove()
                || item.ownerId() == caller.userId() || item.status() == ContentStatus.PUBLISHED);
    }
}
