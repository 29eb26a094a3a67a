package org.fractionball.lms.command.imports;

import org.fractionball.lms.events.content.ContentDetails;
import org.fractionball.lms.events.content.ContentKind;
import org.fractionball.lms.events.imports.ImportProblem;
import org.junit.jupiter.api.Test;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The row rules of contract §5.18 and the limits added here, one check at a time. */
class ImportRowRulesTest {
    private static final ImportOwners.Owner UPLOADER = new ImportOwners.Owner(42, 7, "uploader@example.edu");
    private static final ImportOwners.Owner COLLEAGUE = new ImportOwners.Owner(43, 7, "colleague@example.edu");
    /** The registry as far as these rows need it: one colleague in the uploader's school. */
    private static final ImportOwners OWNERS = new ImportOwners() {
        @Override
        public Owner inSchool(String email, long schoolId) {
            return email.equalsIgnoreCase(COLLEAGUE.email()) && schoolId == COLLEAGUE.schoolId() ? COLLEAGUE : null;
        }

        @Override
        public Owner byId(long userId) {
            return userId == UPLOADER.userId() ? UPLOADER : null;
        }
    };

    @Test
    void a_full_video_row_becomes_a_draft_of_its_owner() {
        ImportRowRules.Checked checked = video(Map.of("title", "Halves", "description", "Run the halves drill",
                "grade", "K", "topic", "number_line", "tags", " drill, ,court ", "duration", "0",
                "storage_uri", "ftps://files.example.org/h.mp4", "owner_email", "Colleague@Example.edu"));

        assertThat(checked.error()).isNull();
        assertThat(checked.warnings()).isEmpty();
        assertThat(checked.owner()).isEqualTo(COLLEAGUE);
        assertThat(checked.details()).isEqualTo(new ContentDetails("Halves", "Run the halves drill", "K", "number_line",
                List.of("drill", "court"), 0, null, "ftps://files.example.org/h.mp4", "", null));
    }

    @Test
    void grade_topic_and_everything_optional_may_be_left_out() {
        ImportRowRules.Checked checked = video(Map.of("title", "Halves", "storage_uri", "https://v.example.org/h.mp4"));

        assertThat(checked.owner()).isEqualTo(UPLOADER);
        assertThat(checked.details()).isEqualTo(new ContentDetails("Halves", "", "", "", List.of(), null, null,
                "https://v.example.org/h.mp4", "", null));
    }

    @Test
    void each_row_stops_at_its_first_error_and_keeps_the_warnings_before_it() {
        ImportRowRules.Checked checked = video(Map.of("title", "ab", "storage_uri", "nope",
                "owner_email", "stranger@example.edu"));

        assertThat(checked.error()).isEqualTo(invalid("Title must be at least 3 characters"));
        assertThat(checked.warnings()).containsExactly(new ImportProblem(ImportProblem.OWNER_NOT_FOUND,
                "Owner email stranger@example.edu not found, using uploader as owner"));
    }

    @Test
    void every_check_has_its_message() {
        assertThat(videoError(Map.of())).isEqualTo(invalid("Missing required fields: title, storage_uri"));
        assertThat(videoError(row("title", "x".repeat(201)))).isEqualTo(invalid("Title must be at most 200 characters"));
        assertThat(videoError(row("description", "d".repeat(10_001))))
                .isEqualTo(invalid("Description must be at most 10000 characters"));
        assertThat(videoError(row("title", "+SUM(A1:A9)")))
                .isEqualTo(invalid("Title must not start with =, +, - or @ (spreadsheet formula)"));
        assertThat(videoError(row("description", "@cmd")))
                .isEqualTo(invalid("Description must not start with =, +, - or @ (spreadsheet formula)"));
        assertThat(videoError(row("tags", "ok,-2+3")))
                .isEqualTo(invalid("Tags must not start with =, +, - or @ (spreadsheet formula)"));
        assertThat(videoError(row("storage_uri", "javascript:alert(1)"))).isEqualTo(invalid("Invalid storage URI format"));
        assertThat(videoError(row("storage_uri", "https://v.example.org/" + "p".repeat(200))))
                .isEqualTo(invalid("Storage URI must be at most 200 characters"));
        assertThat(videoError(row("grade", "9")))
                .isEqualTo(invalid("Invalid grade: 9. Valid choices: K, 1, 2, 3, 4, 5, 6, 7, 8"));
        assertThat(videoError(row("topic", "algebra")).message()).startsWith("Invalid topic: algebra. Valid choices: "
                + "fractions_basics, equivalent_fractions,");
        assertThat(videoError(row("tags", String.join(",", Collections.nCopies(31, "t")))))
                .isEqualTo(invalid("At most 30 tags of at most 50 characters each"));
        assertThat(videoError(row("duration", "-1"))).isEqualTo(invalid("Duration must be positive"));
        assertThat(videoError(row("duration", "1.5"))).isEqualTo(invalid("Duration must be a number (seconds)"));
        assertThat(videoError(row("duration", "3000000000"))).isEqualTo(invalid("Duration must be a number (seconds)"));
    }

    @Test
    void an_unknown_resource_file_type_becomes_other_with_a_warning() {
        ImportRowRules.Checked known = ImportRowRules.check(ContentKind.RESOURCE, Map.of("title", "Strips",
                "file_uri", "https://d.example.org/s.pdf", "file_type", "PDF"), UPLOADER, OWNERS);
        ImportRowRules.Checked unknown = ImportRowRules.check(ContentKind.RESOURCE, Map.of("title", "Strips",
                "file_uri", "https://d.example.org/s.zip", "file_type", "ZIP"), UPLOADER, OWNERS);

        assertThat(known.details().fileType()).isEqualTo("pdf");
        assertThat(known.warnings()).isEmpty();
        assertThat(unknown.details().fileType()).isEqualTo("other");
        assertThat(unknown.warnings()).containsExactly(new ImportProblem(ImportProblem.FILE_TYPE_WARNING,
                "Unknown file type: zip, setting to 'other'"));
        assertThat(ImportRowRules.check(ContentKind.RESOURCE, Map.of("title", "Strips", "file_uri", "s.pdf",
                "file_type", "pdf"), UPLOADER, OWNERS).error()).isEqualTo(invalid("Invalid file URI format"));
    }

    private static Map<String, String> row(String column, String value) {
        Map<String, String> row = new HashMap<>(Map.of("title", "Halves", "storage_uri", "https://v.example.org/h.mp4"));
        row.put(column, value);
        return row;
    }

    private static ImportRowRules.Checked video(Map<String, String> cells) {
        return ImportRowRules.check(ContentKind.VIDEO, cells, UPLOADER, OWNERS);
    }

    private static ImportProblem videoError(Map<String, String> cells) {
        return video(cells).error();
    }

    private static ImportProblem invalid(String message) {
        return new ImportProblem(ImportProblem.VALIDATION_ERROR, message);
    }
}
