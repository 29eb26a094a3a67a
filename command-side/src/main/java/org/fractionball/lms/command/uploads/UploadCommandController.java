package org.fractionball.lms.command.uploads;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.fractionball.lms.command.config.SystemSettings;
import org.fractionball.lms.command.content.ContentResponses;
import org.fractionball.lms.command.content.ContentState;
import org.fractionball.lms.command.storage.StoragePaths;
import org.fractionball.lms.command.web.CommandRejected;
import org.fractionball.lms.command.web.CommandSender;
import org.fractionball.lms.command.web.RequestFields;
import org.fractionball.lms.events.content.ContentKind;
import org.fractionball.lms.events.content.Grade;
import org.fractionball.lms.events.content.Topic;
import org.fractionball.lms.events.shared.AggregateIds;
import org.fractionball.lms.events.shared.Caller;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Contract §5.11 direct uploads: sign (rules of §6 checked first, violations are 400 — D5), PUT
 * the bytes to the signed URL, complete (only the signer, once; the stored object is checked —
 * D24). Completing creates the draft video or resource.
 */
@RestController
@Tag(name = "Uploads")
public class UploadCommandController {
    private static final DateTimeFormatter NAIVE_UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS");
    private static final List<String> CATEGORIES = List.of("video", "resource");

    private final CommandSender commands;
    private final ContentResponses responses;
    private final SystemSettings settings;
    private final Clock clock;

    public UploadCommandController(CommandSender commands, ContentResponses responses, SystemSettings settings) {
        this.commands = commands;
        this.responses = responses;
        this.settings = settings;
        this.clock = Clock.systemUTC();
    }

    @Operation(summary = "A signed URL to PUT one file to (valid 1 hour)",
            description = "Videos ≤ system.max_upload_size_mb (500 MB by default), resources ≤ 50 MB and the same cap (mp4, mpeg, quicktime, x-msvideo, webm); resources ≤ 50 MB (pdf, "
                    + "Office, txt, jpeg, png, gif). The PUT must carry the same Content-Type.")
    @PostMapping("/api/uploads/sign/")
    public ResponseEntity<Object> sign(@RequestBody(required = false) JsonNode body, Caller caller) {
        RequestFields fields = RequestFields.of(body, false);
        String filename = fields.string("filename", true, 255, false);
        Long size = fields.integer("file_size", true, false, 1, Long.MAX_VALUE);
        String contentType = fields.string("content_type", true, 100, false);
        String category = fields.choice("category", true, CATEGORIES);
        fields.string("title", false, 200, true);
        fields.string("description", false, 10_000, true);
        optionalChoice(fields, "grade", 2, Grade.values());
        optionalChoice(fields, "topic", 50, Topic.values());
        fields.stringList("tags", 30, 50);
        fields.validateAs("Invalid request data");

        ContentKind kind = ContentKind.ofCategory(category);
        Optional<String> violation = UploadRules.violation(kind, size, contentType, filename,
                settings.maxUploadBytes());
        if (violation.isPresent()) {
            throw CommandRejected.error(400, "Invalid upload", "message", violation.get());
        }
        UUID uploadId = UUID.randomUUID();
        LocalDateTime now = LocalDateTime.now(clock);
        String path = StoragePaths.of(kind, LocalDate.from(now), uploadId, UploadRules.extension(filename));
        SignUpload command = new SignUpload(uploadId, kind, path, contentType, size, filename, caller);
        return commands.send(command.aggregateId(), command, "Upload", 200, (SignedUpload signed) -> {
            Map<String, Object> metadata = new LinkedHashMap<>();
            metadata.put("originalFilename", filename);
            metadata.put("uploadedBy", Long.toString(caller.userId()));
            metadata.put("schoolId", Long.toString(caller.schoolId()));
            metadata.put("category", category);
            metadata.put("uploadTimestamp", NAIVE_UTC.format(now));
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("upload_url", signed.uploadUrl().url());
            answer.put("public_url", signed.publicUrl());
            answer.put("storage_path", path);
            answer.put("filename", path.substring(path.lastIndexOf('/') + 1));
            answer.put("expires_at", NAIVE_UTC.format(LocalDateTime.ofInstant(signed.uploadUrl().expiresAt(),
                    ZoneOffset.UTC)));
            answer.put("metadata", metadata);
            return answer;
        });
    }

    @Operation(summary = "Turn an uploaded file into a draft video or resource (only the user who signed it)")
    @PostMapping("/api/uploads/complete/")
    public ResponseEntity<Object> complete(@RequestBody(required = false) JsonNode body, Caller caller) {
        RequestFields fields = RequestFields.of(body, false);
        String storagePath = fields.string("storage_path", true, 255, false);
        if (storagePath != null && !StoragePaths.isValid(storagePath)) {
            fields.error("storage_path", "Invalid storage path");
        }
        String title = fields.string("title", true, 200, false);
        String description = fields.string("description", false, 10_000, true);
        String grade = optionalChoice(fields, "grade", 2, Grade.values());
        String topic = optionalChoice(fields, "topic", 50, Topic.values());
        List<String> tags = fields.stringList("tags", 30, 50);
        Long duration = fields.integer("duration", false, true, 0, Integer.MAX_VALUE);
        fields.validateAs("Invalid completion data");

        UUID uploadId = StoragePaths.idOf(storagePath).orElseThrow();
        CompleteUpload command = new CompleteUpload(uploadId, title, description, grade, topic, tags,
                duration == null ? null : duration.intValue(), caller);
        // the content item takes the upload's id, and its creation is the last event the command writes
        ContentKind kind = storagePath.startsWith(ContentKind.VIDEO.folder() + "/") ? ContentKind.VIDEO
                : ContentKind.RESOURCE;
        return commands.send(AggregateIds.content(kind, uploadId), command, "Upload", 201, responses::of);
    }

    private static String optionalChoice(RequestFields fields, String field, int maxLength, List<String> values) {
        String value = fields.string(field, false, maxLength, true);
        if (value != null && !value.isEmpty() && !values.contains(value)) {
            fields.error(field, "\"" + value + "\" is not a valid choice.");
            return null;
        }
        return value;
    }
}
