package org.fractionball.lms.query.playlists;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.fractionball.lms.events.shared.Caller;
import org.fractionball.lms.projections.ProjectionNames;
import org.fractionball.lms.projections.accounts.UserView;
import org.fractionball.lms.projections.playlists.PlaylistShareView;
import org.fractionball.lms.projections.playlists.PlaylistView;
import org.fractionball.lms.query.accounts.FindUser;
import org.fractionball.lms.query.web.Filters;
import org.fractionball.lms.query.web.PageRequest;
import org.fractionball.lms.query.web.PagedResponse;
import org.fractionball.lms.query.web.QueryRejected;
import org.fractionball.lms.query.web.ReadsFrom;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Contract §5.14 and §5.12.5 reads, and the share list (new, D21). Everyone, admins included,
 * sees only the own school; a teacher sees its own playlists and public ones; school admins and
 * admins see every playlist of the school. {@code search} and {@code ordering} work (fixing D9).
 */
@RestController
@Tag(name = "Playlists")
@ReadsFrom({ProjectionNames.PLAYLISTS, ProjectionNames.CONTENT, ProjectionNames.ACCOUNTS})
public class PlaylistQueryController {
    private static final String MODEL = "Playlist";
    private static final String INVALID_OWNER = "Select a valid choice. That choice is not one of the available choices.";
    private static final List<String> DEFAULT_ORDERING = List.of("-updated_at");
    private static final int LIBRARY_MAX_PAGE_SIZE = 100;
    private static final Pattern HEX_UUID = Pattern.compile("[0-9a-f]{32}");

    private final QueryGateway queries;
    private final ShareLinkUrls shareUrls;

    public PlaylistQueryController(QueryGateway queries, ShareLinkUrls shareUrls) {
        this.queries = queries;
        this.shareUrls = shareUrls;
    }

    @Operation(summary = "List playlists", description = "Own school only; teachers see their own playlists and "
            + "public ones. Filters is_public, owner; search (name, description); ordering by name, created_at, "
            + "updated_at (prefix - for descending; default most recently updated first); page (20 per page).")
    @GetMapping("/api/playlists/")
    public PagedResponse<PlaylistResponse> list(Caller caller, @RequestParam Map<String, String> params) {
        return page(filter(caller, params), PageRequest.parse(params.get("page")));
    }

    @Operation(summary = "One playlist")
    @GetMapping("/api/playlists/{id}/")
    public PlaylistResponse get(@PathVariable("id") String id, Caller caller) {
        return PlaylistResponse.of(visible(id, caller));
    }

    @Operation(summary = "Browse the school's playlists", description = "As /api/playlists/, with the library's "
            + "page_size (default 20, at most 100).")
    @GetMapping("/api/library/playlists/")
    public PagedResponse<PlaylistResponse> library(Caller caller, @RequestParam Map<String, String> params) {
        PageRequest page = PageRequest.parse(params.get("page"));
        return page(filter(caller, params), new PageRequest(page.number(), page.last(),
                libraryPageSize(params.get("page_size"))));
    }

    @Operation(summary = "A playlist's share links, newest first (owner or school admin)", description = "New (D21).")
    @GetMapping("/api/playlists/{id}/shares/")
    public List<PlaylistShareResponse> shares(@PathVariable("id") String id, Caller caller) {
        PlaylistView playlist = visible(id, caller);
        if (playlist.ownerId() != caller.userId() && !caller.isSchoolAdminOrAbove()) {
            throw new QueryRejected(403, Map.of("error", "Permission denied"));
        }
        Instant now = Instant.now();
        return queries.query(new FindPlaylistShares(playlist.id()),
                        ResponseTypes.multipleInstancesOf(PlaylistShareView.class)).join().stream()
                .map(share -> PlaylistShareResponse.of(share, shareUrls.of(share.shareToken()), now)).toList();
    }

    private PagedResponse<PlaylistResponse> page(PlaylistFilter filter, PageRequest request) {
        long count = queries.query(new CountPlaylists(filter), Long.class).join();
        int number = request.resolve(count);
        List<PlaylistView> playlists = queries.query(new FindPlaylists(filter, request.offset(number), request.size()),
                ResponseTypes.multipleInstancesOf(PlaylistView.class)).join();
        return PagedResponse.of(count, number, request.size(), playlists.stream().map(PlaylistResponse::of).toList());
    }

    /** The caller's view of the school's playlists with the client's filters; bad filters are one 400. */
    private PlaylistFilter filter(Caller caller, Map<String, String> params) {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        Long owner = null;
        String ownerValue = params.get("owner");
        if (ownerValue != null && !ownerValue.isEmpty()) {
            owner = user(ownerValue);
            if (owner == null) {
                errors.put("owner", List.of(INVALID_OWNER));
            }
        }
        List<String> ordering = ordering(params.get("ordering"), errors);
        if (!errors.isEmpty()) {
            throw new QueryRejected(400, errors);
        }
        return new PlaylistFilter(caller.schoolId(), caller.isSchoolAdminOrAbove() ? null : caller.userId(),
                Filters.lenientBoolean(params.get("is_public")), owner, params.get("search"), ordering);
    }

    /** §5.14 visibility: the own school; for a teacher, its own playlists and public ones. */
    private PlaylistView visible(String segment, Caller caller) {
        return queries.query(new FindPlaylist(playlistId(segment)), ResponseTypes.optionalInstanceOf(PlaylistView.class))
                .join()
                .filter(playlist -> playlist.schoolId() == caller.schoolId() && (caller.isSchoolAdminOrAbove()
                        || playlist.ownerId() == caller.userId() || playlist.isPublic()))
                .orElseThrow(() -> QueryRejected.notFound(MODEL));
    }

    /** An {@code owner} filter names an existing user (of any school, as the original's choices were). */
    private Long user(String value) {
        long id;
        try {
            id = Long.parseLong(value.strip());
        } catch (NumberFormatException notAnId) {
            return null;
        }
        boolean exists = queries.query(new FindUser(id), ResponseTypes.optionalInstanceOf(UserView.class)).join()
                .isPresent();
        return exists ? id : null;
    }

    /** DRF's comma-separated {@code ordering}; an unknown key is refused like the other listings do (D9). */
    private static List<String> ordering(String value, Map<String, List<String>> errors) {
        if (value == null || value.isBlank()) {
            return DEFAULT_ORDERING;
        }
        List<String> keys = new ArrayList<>();
        for (String part : value.split(",")) {
            String key = part.strip();
            if (key.isEmpty()) {
                continue;
            }
            if (!PlaylistQueries.ORDERINGS.containsKey(key.startsWith("-") ? key.substring(1) : key)) {
                errors.put("ordering", List.of("Select a valid choice. " + value
                        + " is not one of the available choices."));
                return DEFAULT_ORDERING;
            }
            keys.add(key);
        }
        return keys.isEmpty() ? DEFAULT_ORDERING : keys;
    }

    /** Library pagination (§0.5): a positive page_size, at most 100; anything else is the default 20. */
    private static int libraryPageSize(String value) {
        if (value != null) {
            try {
                int size = Integer.parseInt(value.strip());
                if (size > 0) {
                    return Math.min(size, LIBRARY_MAX_PAGE_SIZE);
                }
            } catch (NumberFormatException ignored) {
                // falls back to the default below, as the original did
            }
        }
        return PageRequest.DEFAULT_SIZE;
    }

    /**
     * A UUID in the forms Django's UUID lookup accepts (hyphens anywhere, braces, a {@code urn:uuid:}
     * prefix, any case); anything else is the plain 404 (§0.1).
     */
    private static UUID playlistId(String segment) {
        String hex = segment.toLowerCase(Locale.ROOT).replace("urn:", "").replace("uuid:", "")
                .replace("{", "").replace("}", "").replace("-", "");
        if (!HEX_UUID.matcher(hex).matches()) {
            throw QueryRejected.plainNotFound();
        }
        return new UUID(Long.parseUnsignedLong(hex.substring(0, 16), 16), Long.parseUnsignedLong(hex.substring(16), 16));
    }
}
