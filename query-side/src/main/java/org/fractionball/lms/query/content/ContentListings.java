package org.fractionball.lms.query.content;

import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.fractionball.lms.events.content.ContentStatus;
import org.fractionball.lms.events.content.Grade;
import org.fractionball.lms.events.content.ResourceFileType;
import org.fractionball.lms.events.content.Topic;
import org.fractionball.lms.projections.accounts.UserView;
import org.fractionball.lms.projections.content.ContentView;
import org.fractionball.lms.query.accounts.FindUser;
import org.fractionball.lms.query.web.PageRequest;
import org.fractionball.lms.query.web.PagedResponse;
import org.fractionball.lms.query.web.QueryRejected;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * What the content endpoints share: reading the query string into a {@link ContentFilter} with
 * django-filter's messages (every bad parameter reported at once), paging, and reading path ids.
 */
@Component
class ContentListings {
    private static final String INVALID_OWNER = "Select a valid choice. That choice is not one of the available choices.";
    private static final Pattern HEX_UUID = Pattern.compile("[0-9a-f]{32}");

    private final QueryGateway queries;

    ContentListings(QueryGateway queries) {
        this.queries = queries;
    }

    /** The listing's filter over {@code schoolId} (null: all schools), seen by {@code visibleTo} (null: everything). */
    ContentFilter filter(ContentListing listing, Map<String, String> params, Long schoolId, Long visibleTo) {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        Map<String, String> values = new LinkedHashMap<>();
        for (String name : listing.filters) {
            String value = params.get(name);
            if (value == null || value.isEmpty()) {
                continue;
            }
            boolean valid = switch (name) {
                case "grade" -> Grade.isValid(value);
                case "topic" -> Topic.isValid(value);
                case "status" -> ContentStatus.parse(value) != null;
                case "file_type" -> ResourceFileType.parse(value) != null;
                case "owner" -> isUser(value);
                default -> throw new IllegalStateException("filter " + name);
            };
            if (valid) {
                values.put(name, value);
            } else {
                errors.put(name, List.of(name.equals("owner") ? INVALID_OWNER : invalidChoice(value)));
            }
        }
        List<String> ordering = ordering(listing, params.get("ordering"), errors);
        if (!errors.isEmpty()) {
            throw new QueryRejected(400, errors);
        }
        String owner = values.get("owner");
        return new ContentFilter(listing.kind, schoolId, visibleTo, owner == null ? null : Long.valueOf(owner.strip()),
                values.get("grade"), values.get("topic"), ContentStatus.parse(values.get("status")), false,
                values.get("file_type"), params.get("search"), ordering);
    }

    /** One page of the contract's default pagination (§0.5), each row shown by {@code view}. */
    <T> PagedResponse<T> page(ContentFilter filter, String page, Function<ContentView, T> view) {
        PageRequest request = PageRequest.parse(page);
        long count = queries.query(new CountContentItems(filter), Long.class).join();
        int number = request.resolve(count);
        List<ContentView> items = queries.query(new FindContentItems(filter, request.offset(number), request.size()),
                ResponseTypes.multipleInstancesOf(ContentView.class)).join();
        return PagedResponse.of(count, number, request.size(), items.stream().map(view).toList());
    }

    /**
     * The item a path names, when {@code visible} lets the caller see it. A malformed id is the
     * plain 404, an unknown or invisible one names the model (§0.1).
     */
    ContentView find(ContentListing listing, String segment, Predicate<ContentView> visible) {
        UUID id = contentId(segment);
        Optional<ContentView> item = queries.query(new FindContentItem(listing.kind, id),
                ResponseTypes.optionalInstanceOf(ContentView.class)).join();
        return item.filter(visible).orElseThrow(() -> QueryRejected.notFound(listing.modelName));
    }

    /**
     * A UUID in the forms Django's UUID lookup accepts (Python's {@code uuid.UUID(hex)}): hyphens
     * anywhere, braces, a {@code urn:uuid:} prefix, any case; anything else is the plain 404.
     */
    static UUID contentId(String segment) {
        String hex = segment.toLowerCase(Locale.ROOT).replace("urn:", "").replace("uuid:", "");
        hex = stripBraces(hex).replace("-", "");
        if (!HEX_UUID.matcher(hex).matches()) {
            throw QueryRejected.plainNotFound();
        }
        return new UUID(Long.parseUnsignedLong(hex.substring(0, 16), 16),
                Long.parseUnsignedLong(hex.substring(16), 16));
    }

    private static String stripBraces(String value) {
        int start = 0;
        int end = value.length();
        while (start < end && (value.charAt(start) == '{' || value.charAt(start) == '}')) {
            start++;
        }
        while (end > start && (value.charAt(end - 1) == '{' || value.charAt(end - 1) == '}')) {
            end--;
        }
        return value.substring(start, end);
    }

    /** Whether an {@code owner} filter names an existing user (of any school, as the original's choices were). */
    private boolean isUser(String value) {
        long id;
        try {
            id = Long.parseLong(value.strip());
        } catch (NumberFormatException notAnId) {
            return false;
        }
        return queries.query(new FindUser(id), ResponseTypes.optionalInstanceOf(UserView.class)).join().isPresent();
    }

    /** DRF's comma-separated {@code ordering}; an unknown key is refused like the user listings do (D9). */
    private static List<String> ordering(ContentListing listing, String value, Map<String, List<String>> errors) {
        if (value == null || value.isBlank()) {
            return listing.defaultOrdering;
        }
        List<String> keys = new ArrayList<>();
        for (String part : value.split(",")) {
            String key = part.strip();
            if (key.isEmpty()) {
                continue;
            }
            if (!listing.orderings.contains(key.startsWith("-") ? key.substring(1) : key)) {
                errors.put("ordering", List.of(invalidChoice(value)));
                return listing.defaultOrdering;
            }
            keys.add(key);
        }
        return keys.isEmpty() ? listing.defaultOrdering : keys;
    }

    private static String invalidChoice(String value) {
        return "Select a valid choice. " + value + " is not one of the available choices.";
    }
}
