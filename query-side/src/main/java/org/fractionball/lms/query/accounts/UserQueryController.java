package org.fractionball.lms.query.accounts;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.fractionball.lms.events.shared.Caller;
import org.fractionball.lms.events.shared.Role;
import org.fractionball.lms.projections.ProjectionNames;
import org.fractionball.lms.projections.accounts.UserView;
import org.fractionball.lms.projections.schools.SchoolView;
import org.fractionball.lms.query.schools.FindSchool;
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
import java.util.Locale;
import java.util.Map;

/**
 * Contract §5.4–§5.7 reads. School admins see their own school only (other users are 404, other
 * schools' listings 403, fixing D18); {@code search} and {@code ordering} work (fixing D9).
 */
@RestController
@Tag(name = "Users")
@ReadsFrom(ProjectionNames.ACCOUNTS)
public class UserQueryController {
    private static final String INVALID_SCHOOL = "Select a valid choice. That choice is not one of the available choices.";
    private static final int MAX_PAGE_SIZE = 100;

    private final QueryGateway queries;

    public UserQueryController(QueryGateway queries) {
        this.queries = queries;
    }

    @Operation(summary = "List users (school admins: their own school)",
            description = "Filters role, school, is_active, search; ordering by username, email, first_name, "
                    + "last_name, role, created_at, updated_at, last_login (prefix - for descending).")
    @GetMapping("/api/users/")
    public PagedResponse<UserResponse> list(Caller caller, @RequestParam Map<String, String> params) {
        Long requested = schoolFilter(params.get("school"));
        Long school = caller.isAdmin() ? requested : Long.valueOf(caller.schoolId());
        return page(new UserFilter(school, roleFilter(params.get("role")), Filters.lenientBoolean(params.get("is_active")),
                params.get("search"), ordering(params.get("ordering"), null)), params.get("page"));
    }

    @Operation(summary = "List users, newest first (admin)")
    @GetMapping("/api/admin/users/")
    public PagedResponse<UserResponse> adminList(@RequestParam Map<String, String> params) {
        return page(new UserFilter(schoolFilter(params.get("school")), roleFilter(params.get("role")),
                Filters.lenientBoolean(params.get("is_active")), params.get("search"),
                ordering(params.get("ordering"), "-created_at")), params.get("page"));
    }

    @Operation(summary = "One user")
    @GetMapping({"/api/users/{id}/", "/api/admin/users/{id}/"})
    public UserResponse get(@PathVariable("id") String id, Caller caller) {
        UserView user = queries.query(new FindUser(Filters.pathId(id)), ResponseTypes.optionalInstanceOf(UserView.class))
                .join().filter(found -> caller.isAdmin() || found.schoolId() == caller.schoolId())
                .orElseThrow(() -> QueryRejected.notFound("User"));
        return UserResponse.of(user);
    }

    @Operation(summary = "Users of one school (school admins: only their own)")
    @GetMapping("/api/schools/{schoolId}/users/")
    public PagedResponse<UserResponse> ofSchool(@PathVariable("schoolId") String schoolId, Caller caller,
                                                @RequestParam Map<String, String> params) {
        long school = Filters.pathId(schoolId);
        if (!caller.isAdmin() && school != caller.schoolId()) {
            throw new QueryRejected(403, Map.of("detail", "You do not have permission to perform this action."));
        }
        return page(new UserFilter(school, roleFilter(params.get("role")),
                Filters.lenientBoolean(params.get("is_active")), null, null), params.get("page"));
    }

    @Operation(summary = "Search users (admin)", description = "q, role, school, active, page, page_size (≤100)")
    @GetMapping("/api/admin/users/search/")
    public Map<String, Object> search(@RequestParam Map<String, String> params) {
        String role = params.get("role");
        Boolean active = activeParam(params.get("active"));
        pageSize(params.get("page_size"));
        if (role != null && Role.parse(role) == null) {
            return handRolledPage(List.of(), 0, 1, 1);
        }
        return handRolledPage(new UserFilter(parseLongOrNull(params.get("school")), Role.parse(role), active,
                params.get("q"), null), params);
    }

    @Operation(summary = "A school and its users (admin)")
    @GetMapping("/api/admin/schools/{id}/users/")
    public Map<String, Object> adminSchoolUsers(@PathVariable("id") String id, @RequestParam Map<String, String> params) {
        long schoolId = Filters.pathId(id);
        SchoolView school = queries.query(new FindSchool(schoolId), ResponseTypes.optionalInstanceOf(SchoolView.class))
                .join().orElseThrow(() -> QueryRejected.notFound("School"));
        String role = params.get("role");
        UserFilter filter = new UserFilter(schoolId, role == null ? null : Role.parse(role),
                activeParam(params.get("active")), null, null);
        pageSize(params.get("page_size"));
        Map<String, Object> page = role != null && Role.parse(role) == null ? handRolledPage(List.of(), 0, 1, 1)
                : handRolledPage(filter, params);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("school", school);
        answer.put("users", page.get("results"));
        answer.put("count", page.get("count"));
        answer.put("num_pages", page.get("num_pages"));
        answer.put("current_page", page.get("current_page"));
        return answer;
    }

    private PagedResponse<UserResponse> page(UserFilter filter, String page) {
        PageRequest request = PageRequest.parse(page);
        long count = queries.query(new CountUsers(filter), Long.class).join();
        int number = request.resolve(count);
        List<UserView> users = queries.query(new FindUsers(filter, request.offset(number), request.size()),
                ResponseTypes.multipleInstancesOf(UserView.class)).join();
        return PagedResponse.of(count, number, request.size(), users.stream().map(UserResponse::of).toList());
    }

    /** The hand-rolled pagination of §5.6 search: out-of-range pages clamp; page_size is validated (D19). */
    private Map<String, Object> handRolledPage(UserFilter filter, Map<String, String> params) {
        int size = pageSize(params.get("page_size"));
        long count = queries.query(new CountUsers(filter), Long.class).join();
        int pages = (int) Math.max(1, (count + size - 1) / size);
        int page = Math.min(Math.max(1, parseIntOr(params.get("page"), 1)), pages);
        List<UserView> users = queries.query(new FindUsers(filter, (long) (page - 1) * size, size),
                ResponseTypes.multipleInstancesOf(UserView.class)).join();
        return handRolledPage(users.stream().map(UserResponse::of).toList(), count, pages, page);
    }

    private static Map<String, Object> handRolledPage(List<UserResponse> results, long count, int pages, int page) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("results", results);
        answer.put("count", count);
        answer.put("num_pages", pages);
        answer.put("current_page", page);
        answer.put("has_next", page < pages);
        answer.put("has_previous", page > 1);
        return answer;
    }

    private Long schoolFilter(String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        Long id = parseLongOrNull(value);
        boolean exists = id != null && queries.query(new FindSchool(id),
                ResponseTypes.optionalInstanceOf(SchoolView.class)).join().isPresent();
        if (!exists) {
            throw QueryRejected.filter("school", INVALID_SCHOOL);
        }
        return id;
    }

    private static Role roleFilter(String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        Role role = Role.parse(value);
        if (role == null) {
            throw QueryRejected.filter("role", "Select a valid choice. " + value + " is not one of the available choices.");
        }
        return role;
    }

    private static String ordering(String value, String fallback) {
        if (value == null || value.isEmpty()) {
            return fallback;
        }
        String column = value.startsWith("-") ? value.substring(1) : value;
        if (!UserQueries.ORDERINGS.contains(column)) {
            throw QueryRejected.filter("ordering", "Select a valid choice. " + value
                    + " is not one of the available choices.");
        }
        return value;
    }

    /** {@code true|1|yes} active, {@code false|0|no} inactive, anything else refused (fixing D19). */
    private static Boolean activeParam(String value) {
        if (value == null) {
            return null;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes" -> true;
            case "false", "0", "no" -> false;
            default -> throw QueryRejected.filter("active", "Must be a valid boolean.");
        };
    }

    private static int pageSize(String value) {
        if (value == null) {
            return 20;
        }
        Integer size = parseIntOrNull(value);
        if (size == null) {
            throw QueryRejected.filter("page_size", "A valid integer is required.");
        }
        if (size < 1) {
            throw QueryRejected.filter("page_size", "Ensure this value is greater than or equal to 1.");
        }
        return Math.min(size, MAX_PAGE_SIZE);
    }

    private static int parseIntOr(String value, int fallback) {
        Integer parsed = parseIntOrNull(value);
        return parsed == null ? fallback : parsed;
    }

    private static Integer parseIntOrNull(String value) {
        try {
            return value == null ? null : Integer.valueOf(value.strip());
        } catch (NumberFormatException notANumber) {
            return null;
        }
    }

    private static Long parseLongOrNull(String value) {
        try {
            return value == null ? null : Long.valueOf(value.strip());
        } catch (NumberFormatException notANumber) {
            return null;
        }
    }
}
