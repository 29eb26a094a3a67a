package org.fractionball.lms.query.library;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.fractionball.lms.query.web.PreparedJson;

import java.util.List;
import java.util.Map;

/**
 * The library pagination envelope (§0.5); video listings add the {@code filters} block (§5.12.1),
 * resource listings have none.
 */
public record LibraryPageResponse(long count, String next, String previous, PreparedJson results,
                                  @JsonInclude(JsonInclude.Include.NON_NULL) Facets filters) {

    /** {@code applied_filters}: every query parameter with all its values, as the original echoed them. */
    public record Facets(long totalResults, List<String> gradesAvailable, List<String> topicsAvailable,
                         Map<String, List<String>> appliedFilters) {
    }
}
