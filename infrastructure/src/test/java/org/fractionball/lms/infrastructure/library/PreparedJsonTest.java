package org.fractionball.lms.infrastructure.library;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.fractionball.lms.query.library.LibraryPageData;
import org.fractionball.lms.query.library.LibraryPageResponse;
import org.fractionball.lms.query.web.PreparedJson;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A page's items written once: the same bytes as the tree they stand for, and read back from a cache entry. */
class PreparedJsonTest {
    private static final String ITEMS = "[{\"id\":\"a\",\"title\":\"Halves \\\"on\\\" the court – ½\",\"duration\":95,"
            + "\"rating\":4.5,\"tags\":[\"fractions\"],\"owner\":null}]";
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void writtenAsTheTreeItStandsForWouldBe() throws Exception {
        LibraryPageResponse prepared = new LibraryPageResponse(1, "http://x/?page=2", null, PreparedJson.of(ITEMS),
                new LibraryPageResponse.Facets(1, List.of("3"), List.of(), Map.of("page", List.of("1"))));
        Map<String, Object> asTree = new LinkedHashMap<>();
        asTree.put("count", 1);
        asTree.put("next", "http://x/?page=2");
        asTree.put("previous", null);
        asTree.put("results", json.readTree(ITEMS));
        asTree.put("filters", prepared.filters());

        assertThat(json.writeValueAsString(prepared)).isEqualTo(json.writeValueAsString(asTree));
    }

    @Test
    void readBackFromACacheEntryAndWrittenTheSame() throws Exception {
        LibraryPageData page = new LibraryPageData(41, 3, List.of("3", "4"), List.of("halves"), PreparedJson.of(ITEMS));
        String entry = json.writeValueAsString(page);

        LibraryPageData read = json.readValue(entry, LibraryPageData.class);

        assertThat(read.results().toString()).isEqualTo(ITEMS);
        assertThat(json.writeValueAsString(read)).isEqualTo(entry);
        assertThat(json.readTree(entry).get("results")).isEqualTo(json.readTree(ITEMS));
    }
}
