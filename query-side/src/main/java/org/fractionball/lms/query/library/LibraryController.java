package org.fractionball.lms.query.library;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.queryhandling.QueryGateway;
import org.fractionball.lms.events.content.ContentStatus;
import org.fractionball.lms.events.shared.Caller;
import org.fractionball.lms.projections.ProjectionNames;
import org.fractionball.lms.query.web.PageRequest;
import org.fractionball.lms.query.web.QueryRejected;
import org.fractionball.lms.query.web.ReadsFrom;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.springframework.web.util.UriComponentsBuilder;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Contract §5.12 (videos, resources, stats): the caller's own school only; a teacher sees its own
 * items of any status and published ones, school admins and admins every item of the school.
 * Full-text search (D9, D10), {@code created_before} including its day (D11), teacher figures
 * counted per relation (D13), {@code owner} by user id with the teachers' ids in the stats (D31).
 * Names come from the content projection's own tables, so these endpoints read only its group.
 */
@RestController
@Tag(name = "Library")
public class LibraryController {
    /** Django's {@code <uuid:…>} path converter: lower-case, hyphenated. */
    private static final Pattern UUID_SEGMENT =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private final LibraryReads reads;
    private final QueryGateway queries;

    public LibraryController(LibraryReads reads, QueryGateway queries) {
        this.reads = reads;
        this.queries = queries;
    }

    @Operation(summary = "Browse the library's videos", description = "Own school; teachers see their own videos "
            + "and published ones. search (English full text over title, tags and description, ranked: title "
            + "matches first), grade, topic, tags (comma-separated, any), owner (user id of a teacher or school "
            + "admin of the school), status (PUBLISHED, DRAFT, PENDING), min_duration, max_duration, "
            + "created_after, created_before (YYYY-MM-DD, both inclusive), ordering (created_at, updated_at, "
            + "title, duration, grade; - for descending; default newest first, or by rank when searching), page, "
            + "page_size (1-100, default 20). Adds a filters block: total_results, grades_available, "
            + "topics_available, applied_filters. as_of (ISO-8601 instant, or a date for its start in UTC; SA+ "
            + "and AUDITOR, who must give it): the school's library as it stood then, every status; school "
            + "(ADMIN and AUDITOR, with as_of): another school's.")
    @GetMapping("/api/library/videos/")
    @ReadsFrom(ProjectionNames.CONTENT)
    public LibraryPageResponse videos(Caller caller, @RequestParam MultiValueMap<String, String> params) {
        return list(LibraryListing.VIDEOS, caller, params);
    }

    @Operation(summary = "One library video", description = "404 outside the own school; 403 for a teacher on "
            + "someone else's unpublished video.")
    @GetMapping("/api/library/videos/{id}/")
    @ReadsFrom(ProjectionNames.CONTENT)
    public JsonNode video(@PathVariable("id") String id, Caller caller) {
        return detail(LibraryListing.VIDEOS, id, caller);
    }

    @Operation(summary = "Browse the library's resources", description = "Own school; teachers see their own "
            + "resources and published ones. search, file_type, grade, topic, tags, owner, status (PUBLISHED, "
            + "DRAFT), created_after, created_before (both inclusive), ordering (created_at, title, file_type, "
            + "file_size; - for descending), page, page_size (1-100, default 20), as_of and school as for "
            + "videos.")
    @GetMapping("/api/library/resources/")
    @ReadsFrom(ProjectionNames.CONTENT)
    public LibraryPageResponse resources(Caller caller, @RequestParam MultiValueMap<String, String> params) {
        return list(LibraryListing.RESOURCES, caller, params);
    }

    @Operation(summary = "One library resource", description = "404 outside the own school; 403 for a teacher on "
            + "someone else's unpublished resource.")
    @GetMapping("/api/library/resources/{id}/")
    @ReadsFrom(ProjectionNames.CONTENT)
    public JsonNode resource(@PathVariable("id") String id, Caller caller) {
        return detail(LibraryListing.RESOURCES, id, caller);
    }

    @Operation(summary = "Library figures", description = "Published content of the own school by grade, topic "
            + "and file type; the ten teachers and school admins with the most published content (with their "
            + "user id, for the owner filter); totals, including public playlists.")
    @GetMapping("/api/library/stats/")
    @ReadsFrom({ProjectionNames.CONTENT, ProjectionNames.ANALYTICS})
    public LibraryStatsResponse stats(Caller caller) {
        return reads.stats(caller.schoolId());
    }

    private LibraryPageResponse list(LibraryListing listing, Caller caller, MultiValueMap<String, String> params) {
        LibraryFilter filter = LibraryParameters.filter(listing, params, caller, (school, userId) ->
                queries.query(new IsLibraryOwnerChoice(school, userId), Boolean.class).join());
        PageRequest page = LibraryParameters.page(params);
        LibraryPageData data = reads.page(filter, page);
        boolean hasNext = (long) data.page() * page.size() < data.count();
        LibraryPageResponse.Facets facets = listing == LibraryListing.VIDEOS
                ? new LibraryPageResponse.Facets(data.count(), data.grades(), data.topics(), applied(params)) : null;
        return new LibraryPageResponse(data.count(), hasNext ? pageUrl(data.page() + 1) : null,
                data.page() > 1 ? pageUrl(data.page() - 1) : null, data.results(), facets);
    }

    private JsonNode detail(LibraryListing listing, String segment, Caller caller) {
        if (!UUID_SEGMENT.matcher(segment).matches()) {
            throw QueryRejected.plainNotFound();
        }
        LibraryItem item = reads.item(listing.kind, caller.schoolId(), UUID.fromString(segment))
                .orElseThrow(() -> QueryRejected.notFound(listing.modelName));
        if (!caller.isSchoolAdminOrAbove() && item.owner() != caller.userId()
                && item.status() != ContentStatus.PUBLISHED) {
            throw new QueryRejected(403, Map.of("detail", "You don't have permission to view this " + listing.noun
                    + "."));
        }
        return item.body();
    }

    private static Map<String, List<String>> applied(MultiValueMap<String, String> params) {
        Map<String, List<String>> applied = new LinkedHashMap<>();
        params.forEach((name, values) -> applied.put(name, List.copyOf(values)));
        return applied;
    }

    /** The request URL with {@code page} replaced, or removed for page 1 (§0.5). */
    private static String pageUrl(int page) {
        UriComponentsBuilder url = ServletUriComponentsBuilder.fromCurrentRequest();
        return page == 1 ? url.replaceQueryParam("page").toUriString()
                : url.replaceQueryParam("page", page).toUriString();
    }
}
