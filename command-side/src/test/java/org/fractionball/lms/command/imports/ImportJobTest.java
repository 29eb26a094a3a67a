package org.fractionball.lms.command.imports;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.fractionball.lms.events.content.ContentKind;
import org.fractionball.lms.events.imports.ImportCompleted;
import org.fractionball.lms.events.imports.ImportFailed;
import org.fractionball.lms.events.imports.ImportProblem;
import org.fractionball.lms.events.imports.ImportRowOutcome;
import org.fractionball.lms.events.imports.ImportRowsProcessed;
import org.fractionball.lms.events.imports.ImportStarted;
import org.fractionball.lms.events.shared.Caller;
import org.fractionball.lms.events.shared.Role;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The import job: started with its rows, batches recorded once and in order, then closed once. */
class ImportJobTest {
    private static final UUID JOB_ID = UUID.fromString("3f2e1d0c-9b8a-4776-8655-443322110000");
    private static final Instant STARTED_AT = Instant.parse("2026-11-29T08:00:00Z");
    private static final Caller UPLOADER = new Caller(42, "teacher-uid", Role.TEACHER, 7);
    private static final List<String> HEADERS = List.of("title", "storage_uri");
    private static final List<Map<String, String>> ROWS = List.of(
            Map.of("title", "Halves", "storage_uri", "https://videos.example.org/1.mp4"),
            Map.of("title", "Thirds", "storage_uri", "https://videos.example.org/2.mp4"),
            Map.of("title", "x", "storage_uri", "https://videos.example.org/3.mp4"));
    private static final ImportStarted STARTED = new ImportStarted(JOB_ID, ContentKind.VIDEO, 42, 7, "videos.csv",
            180, HEADERS, ROWS);
    private static final ImportRowOutcome ROW_1 = imported(1, "Halves");
    private static final ImportRowOutcome ROW_2 = imported(2, "Thirds");
    private static final ImportRowOutcome ROW_3 = new ImportRowOutcome(3, null, "x", null,
            new ImportProblem(ImportProblem.VALIDATION_ERROR, "Title must be at least 3 characters"), List.of());

    private FixtureConfiguration<ImportJob> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(ImportJob.class);
        fixture.registerAnnotatedCommandHandler(new ImportJobs(fixture.getRepository()));
    }

    @Test
    void starting_records_the_rows_of_the_file_and_answers_the_start_time() {
        fixture.givenCurrentTime(STARTED_AT)
                .when(new StartImport(JOB_ID, ContentKind.VIDEO, "videos.csv", 180, HEADERS, ROWS, UPLOADER))
                .expectSuccessfulHandlerExecution()
                .expectEvents(STARTED)
                .expectResultMessagePayload(STARTED_AT);
    }

    @Test
    void a_batch_starting_at_the_next_row_is_recorded() {
        fixture.given(STARTED)
                .when(new RecordImportedRows(JOB_ID, 1, List.of(ROW_1, ROW_2)))
                .expectEvents(new ImportRowsProcessed(JOB_ID, ContentKind.VIDEO, 1, List.of(ROW_1, ROW_2)));
    }

    @Test
    void a_batch_recorded_already_is_ignored_so_a_restarted_runner_can_repeat_it() {
        fixture.given(STARTED, new ImportRowsProcessed(JOB_ID, ContentKind.VIDEO, 1, List.of(ROW_1, ROW_2)))
                .when(new RecordImportedRows(JOB_ID, 1, List.of(ROW_1, ROW_2)))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void a_batch_that_skips_rows_is_ignored() {
        fixture.given(STARTED)
                .when(new RecordImportedRows(JOB_ID, 2, List.of(ROW_2)))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void a_batch_beyond_the_last_row_is_refused() {
        ImportRowOutcome row4 = imported(4, "Quarters");
        fixture.given(STARTED, new ImportRowsProcessed(JOB_ID, ContentKind.VIDEO, 1, List.of(ROW_1, ROW_2)))
                .when(new RecordImportedRows(JOB_ID, 3, List.of(ROW_3, row4)))
                .expectException(IllegalArgumentException.class)
                .expectNoEvents();
    }

    @Test
    void completing_after_the_last_row_counts_imported_and_failed_rows() {
        fixture.given(STARTED, new ImportRowsProcessed(JOB_ID, ContentKind.VIDEO, 1, List.of(ROW_1, ROW_2)),
                        new ImportRowsProcessed(JOB_ID, ContentKind.VIDEO, 3, List.of(ROW_3)))
                .when(new CompleteImport(JOB_ID))
                .expectEvents(new ImportCompleted(JOB_ID, 3, 2, 1));
    }

    @Test
    void completing_with_rows_left_is_refused() {
        fixture.given(STARTED, new ImportRowsProcessed(JOB_ID, ContentKind.VIDEO, 1, List.of(ROW_1)))
                .when(new CompleteImport(JOB_ID))
                .expectException(IllegalStateException.class)
                .expectNoEvents();
    }

    @Test
    void a_closed_job_ignores_further_steps() {
        fixture.given(STARTED, new ImportRowsProcessed(JOB_ID, ContentKind.VIDEO, 1, List.of(ROW_1, ROW_2, ROW_3)),
                        new ImportCompleted(JOB_ID, 3, 2, 1))
                .when(new CompleteImport(JOB_ID))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        fixture.given(STARTED, new ImportFailed(JOB_ID, 0, ImportRunner.UPLOADER_GONE))
                .when(new RecordImportedRows(JOB_ID, 1, List.of(ROW_1)))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void failing_records_how_far_the_job_got() {
        fixture.given(STARTED, new ImportRowsProcessed(JOB_ID, ContentKind.VIDEO, 1, List.of(ROW_1, ROW_2)))
                .when(new FailImport(JOB_ID, ImportRunner.UPLOADER_GONE))
                .expectEvents(new ImportFailed(JOB_ID, 2, ImportRunner.UPLOADER_GONE));
    }

    @Test
    void content_ids_derive_from_job_and_row_only() {
        UUID other = UUID.fromString("3f2e1d0c-9b8a-4776-8655-443322110001");
        assertThat(ImportJob.contentIdOf(JOB_ID, 1)).isEqualTo(ImportJob.contentIdOf(JOB_ID, 1))
                .isNotEqualTo(ImportJob.contentIdOf(JOB_ID, 2))
                .isNotEqualTo(ImportJob.contentIdOf(other, 1));
        assertThat(ImportJob.contentIdOf(JOB_ID, 1).version()).isEqualTo(3);
    }

    private static ImportRowOutcome imported(int row, String title) {
        return new ImportRowOutcome(row, ImportJob.contentIdOf(JOB_ID, row), title, "teacher@example.edu", null,
                List.of());
    }
}
