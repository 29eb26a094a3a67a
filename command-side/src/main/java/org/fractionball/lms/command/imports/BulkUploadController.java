package org.fractionball.lms.command.imports;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.fractionball.lms.command.config.ConfigDefaults;
import org.fractionball.lms.command.config.FeatureSwitches;
import org.fractionball.lms.command.web.CommandRejected;
import org.fractionball.lms.command.web.CommandSender;
import org.fractionball.lms.events.content.ContentKind;
import org.fractionball.lms.events.shared.Caller;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Contract §5.18 upload: the file is checked in the request (every failure a 400 with the
 * contract's body, nothing stored) and queued as an import job; its rows are imported in the
 * background by {@link ImportRunner} (D20c), so the answer is 201 with status {@code QUEUED}.
 */
@RestController
@Tag(name = "Bulk import")
public class BulkUploadController {
    /** View-formatted timestamps of the contract (§0.6): microseconds and {@code +00:00}. */
    static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'+00:00'")
            .withZone(ZoneOffset.UTC);

    static final String DISABLED = "Bulk upload is disabled";

    private final CommandSender commands;
    private final FeatureSwitches switches;

    public BulkUploadController(CommandSender commands, FeatureSwitches switches) {
        this.commands = commands;
        this.switches = switches;
    }

    @Operation(summary = "Upload a CSV of videos or resources to import as drafts",
            description = "multipart/form-data with `file` (a .csv of at most 10 MB and 1000 rows, UTF-8) and "
                    + "`type` (video, the default, or resource). Rows are imported in the background; follow "
                    + "the job at /api/bulk/jobs/{job_id}/status/.")
    @PostMapping(value = "/api/bulk/upload/",
            consumes = {MediaType.MULTIPART_FORM_DATA_VALUE, MediaType.APPLICATION_FORM_URLENCODED_VALUE})
    public ResponseEntity<Object> upload(@RequestParam(value = "file", required = false) MultipartFile file,
                                         @RequestParam(value = "type", required = false) String type,
                                         Caller caller) throws IOException {
        // the feature flag bulk_upload_enabled (D25f); jobs already queued still finish
        if (!switches.isEnabled(ConfigDefaults.BULK_UPLOAD_ENABLED, caller)) {
            throw CommandRejected.error(403, DISABLED);
        }
        if (file == null) {
            throw CommandRejected.error(400, "No file provided");
        }
        ContentKind kind = ContentKind.ofCategory(type == null ? "video" : type);
        if (kind == null) {
            throw CommandRejected.error(400, "Invalid type. Must be \"video\" or \"resource\"");
        }
        String fileName = file.getOriginalFilename() == null ? "" : file.getOriginalFilename();
        if (!fileName.toLowerCase(Locale.ROOT).endsWith(".csv")) {
            throw CommandRejected.error(400, "File must be a CSV file");
        }
        if (file.getSize() > CsvUpload.MAX_BYTES) {
            throw CommandRejected.error(400, "File too large. Maximum size is 10MB");
        }
        CsvUpload.Parsed csv = CsvUpload.parse(file.getBytes(), kind);
        StartImport command = new StartImport(UUID.randomUUID(), kind, fileName, file.getSize(), csv.headers(),
                csv.rows(), caller);
        return commands.send(command.aggregateId(), command, "ImportJob", 201, (Instant startedAt) -> {
            Map<String, Object> fileInfo = new LinkedHashMap<>();
            fileInfo.put("name", fileName);
            fileInfo.put("size", file.getSize());
            fileInfo.put("type", kind.category());
            fileInfo.put("rows", csv.rows().size());
            fileInfo.put("headers", csv.headers());
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("message", "File uploaded successfully and processing started");
            body.put("job_id", command.jobId());
            body.put("file_info", fileInfo);
            body.put("initial_status", queued(csv.rows().size(), startedAt));
            return body;
        });
    }

    /** The job result of §5.18 before any row ran. */
    private static Map<String, Object> queued(int rows, Instant startedAt) {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("status", "QUEUED");
        status.put("total_rows", rows);
        status.put("processed_rows", 0);
        status.put("successful_imports", 0);
        status.put("failed_imports", 0);
        status.put("errors", List.of());
        status.put("warnings", List.of());
        status.put("created_items", List.of());
        status.put("started_at", TIMESTAMP.format(startedAt));
        status.put("completed_at", null);
        status.put("processing_time", null);
        return status;
    }
}
