package org.fractionball.lms.command.imports;

import org.fractionball.lms.command.web.CommandRejected;
import org.fractionball.lms.events.content.ContentKind;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The file checks of contract §5.18 on the bytes alone (the HTTP side is BulkUploadBadFilesIT). */
class CsvUploadTest {

    @Test
    void a_bom_and_spaces_around_headers_are_dropped_and_only_known_columns_are_kept() {
        CsvUpload.Parsed parsed = parse("\uFEFF title , storage_uri ,colour,\r\n Halves , https://v.example.org/h.mp4 , red,x\r\n");

        assertThat(parsed.headers()).containsExactly("title", "storage_uri", "colour");
        assertThat(parsed.rows()).containsExactly(Map.of("title", "Halves", "storage_uri", "https://v.example.org/h.mp4"));
    }

    @Test
    void quoted_cells_keep_commas_quotes_and_newlines_and_short_rows_leave_cells_out() {
        CsvUpload.Parsed parsed = parse("title,description,storage_uri\r\n"
                + "\"Halves, thirds\",\"Say \"\"go\"\"\nthen run\",https://v.example.org/h.mp4\r\n"
                + "Quarters\r\n\r\n");

        assertThat(parsed.rows()).containsExactly(
                Map.of("title", "Halves, thirds", "description", "Say \"go\"\nthen run",
                        "storage_uri", "https://v.example.org/h.mp4"),
                Map.of("title", "Quarters"));
    }

    @Test
    void a_thousand_rows_pass_and_one_more_is_refused() {
        assertThat(parse(rows(1000)).rows()).hasSize(1000);
        assertThat(refusal(rows(1001))).isEqualTo(Map.of("error", "CSV file too large. Maximum 1000 rows allowed"));
    }

    @Test
    void the_first_of_two_columns_with_one_name_wins() {
        assertThat(parse("title,storage_uri,title\r\nFirst,https://v.example.org/f.mp4,Second\r\n").rows())
                .containsExactly(Map.of("title", "First", "storage_uri", "https://v.example.org/f.mp4"));
    }

    @Test
    void refusals_name_what_is_wrong() {
        assertThat(refusal("")).isEqualTo(Map.of("error", "CSV file is empty"));
        assertThat(refusal("title,storage_uri\r\n")).isEqualTo(Map.of("error", "CSV file is empty"));
        assertThat(refusal("title,storage_uri\r\n\"Open,https://v.example.org/o.mp4\r\n").get("error").toString())
                .startsWith("Invalid CSV format: ");
        assertThat(refusal("title\r\nHalves\r\n")).isEqualTo(Map.of("error", "Missing required CSV headers: storage_uri",
                "required_headers", List.of("title", "storage_uri"), "found_headers", List.of("title")));
        byte[] latin1 = "title,storage_uri\r\nCaf\u00e9,https://v.example.org/c.mp4\r\n".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(catchThrowableOfType(CommandRejected.class, () -> CsvUpload.parse(latin1, ContentKind.VIDEO)).body())
                .isEqualTo(Map.of("error", "File must be UTF-8 encoded"));
    }

    private static CsvUpload.Parsed parse(String csv) {
        return CsvUpload.parse(csv.getBytes(StandardCharsets.UTF_8), ContentKind.VIDEO);
    }

    private static Map<String, ?> refusal(String csv) {
        CommandRejected rejected = catchThrowableOfType(CommandRejected.class, () -> parse(csv));
        assertThat(rejected.status()).isEqualTo(400);
        return rejected.body();
    }

    private static String rows(int count) {
        StringBuilder csv = new StringBuilder("title,storage_uri\r\n");
        for (int row = 1; row <= count; row++) {
            csv.append("Video ").append(row).append(",https://v.example.org/").append(row).append(".mp4\r\n");
        }
        return csv.toString();
    }
}
