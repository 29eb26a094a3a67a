package org.fractionball.lms.command.content;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.fractionball.lms.command.web.CommandSender;
import org.fractionball.lms.command.web.PathIds;
import org.fractionball.lms.command.web.RequestFields;
import org.fractionball.lms.events.content.ContentDetails;
import org.fractionball.lms.events.content.ContentKind;
import org.fractionball.lms.events.shared.AggregateIds;
import org.fractionball.lms.events.shared.Caller;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Contract §5.9–§5.10.3 writes: videos and resources are created as drafts, changed and deleted
 * by their owner or a school admin of their school (D16); status is the workflow's (D15).
 */
@RestController
@Tag(name = "Content")
public class ContentCommandController {
    private final CommandSender commands;
    private final ContentResponses responses;

    public ContentCommandController(CommandSender commands, ContentResponses responses) {
        this.commands = commands;
        this.responses = responses;
    }

    @Operation(summary = "Add a draft video", description = "Answers the nine create fields of §3.6, with id first.")
    @PostMapping("/api/videos/")
    public ResponseEntity<Object> createVideo(@RequestBody(required = false) JsonNode body, Caller caller) {
        return create(ContentKind.VIDEO, body, caller);
    }

    @Operation(summary = "Add a draft resource", description = "Answers the eight create fields of §3.8, with id first.")
    @PostMapping("/api/resources/")
    public ResponseEntity<Object> createResource(@RequestBody(required = false) JsonNode body, Caller caller) {
        return create(ContentKind.RESOURCE, body, caller);
    }

    @Operation(summary = "Replace a video's fields (owner or school admin)")
    @PutMapping("/api/videos/{id}/")
    public ResponseEntity<Object> replaceVideo(@PathVariable("id") String id, @RequestBody(required = false) JsonNode body,
                                               Caller caller) {
        return edit(ContentKind.VIDEO, id, RequestFields.of(body, false), caller);
    }

    @Operation(summary = "Change some of a video's fields (owner or school admin)")
    @PatchMapping("/api/videos/{id}/")
    public ResponseEntity<Object> patchVideo(@PathVariable("id") String id, @RequestBody(required = false) JsonNode body,
                                             Caller caller) {
        return edit(ContentKind.VIDEO, id, RequestFields.of(body, true), caller);
    }

    @Operation(summary = "Replace a resource's fields (owner or school admin)")
    @PutMapping("/api/resources/{id}/")
    public ResponseEntity<Object> replaceResource(@PathVariable("id") String id,
                                                  @RequestBody(required = false) JsonNode body, Caller caller) {
        return edit(ContentKind.RESOURCE, id, RequestFields.of(body, false), caller);
    }

    @Operation(summary = "Change some of a resource's fields (owner or school admin)")
    @PatchMapping("/api/resources/{id}/")
    public ResponseEntity<Object> patchResource(@PathVariable("id") String id,
                                                @RequestBody(required = false) JsonNode body, Caller caller) {
        return edit(ContentKind.RESOURCE, id, RequestFields.of(body, true), caller);
    }

    @Operation(summary = "Delete a video (owner or school admin); its stored file is removed afterwards")
    @DeleteMapping("/api/videos/{id}/")
    public ResponseEntity<Object> deleteVideo(@PathVariable("id") String id, Caller caller) {
        return delete(ContentKind.VIDEO, id, caller);
    }

    @Operation(summary = "Delete a resource (owner or school admin); its stored file is removed afterwards")
    @DeleteMapping("/api/resources/{id}/")
    public ResponseEntity<Object> deleteResource(@PathVariable("id") String id, Caller caller) {
        return delete(ContentKind.RESOURCE, id, caller);
    }

    @Operation(summary = "A signed download URL for a resource's file, valid 24 hours")
    @PostMapping("/api/resources/{id}/download/")
    public ResponseEntity<Object> download(@PathVariable("id") String id, Caller caller) {
        UUID resourceId = PathIds.uuid(id);
        DownloadResource command = new DownloadResource(resourceId, UUID.randomUUID(), caller);
        return commands.send(command.aggregateId(), command, "Resource", 200, (ResourceDownload download) -> {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("download_url", download.url().url());
            body.put("expires_in_hours", ContentItem.DOWNLOAD_VALIDITY.toHours());
            body.put("filename", download.filename());
            body.put("download_id", download.downloadId());
            return body;
        });
    }

    private ResponseEntity<Object> create(ContentKind kind, JsonNode body, Caller caller) {
        ContentDetails details = ContentFields.forCreate(kind, RequestFields.of(body, false));
        CreateContent command = new CreateContent(UUID.randomUUID(), kind, details, caller);
        return commands.send(command.aggregateId(), command, model(kind), 201,
                (ContentState state) -> createEcho(state));
    }

    private ResponseEntity<Object> edit(ContentKind kind, String id, RequestFields fields, Caller caller) {
        UUID contentId = PathIds.uuid(id);
        ContentEdit edit = ContentFields.forEdit(kind, fields);
        ChangeContentDetails command = new ChangeContentDetails(contentId, kind, edit, caller);
        return commands.send(command.aggregateId(), command, model(kind), 200, responses::of);
    }

    private ResponseEntity<Object> delete(ContentKind kind, String id, Caller caller) {
        UUID contentId = PathIds.uuid(id);
        return commands.send(AggregateIds.content(kind, contentId), new DeleteContent(contentId, kind, caller),
                model(kind), 204, (Object ignored) -> null);
    }

    /** §3.6/§3.8: the create fields echoed, with the new id first (the original gave no id). */
    private static Map<String, Object> createEcho(ContentState state) {
        ContentDetails d = state.details();
        Map<String, Object> echo = new LinkedHashMap<>();
        echo.put("id", state.contentId());
        echo.put("title", d.title());
        echo.put("description", d.description());
        if (state.kind() == ContentKind.VIDEO) {
            echo.put("grade", d.grade());
            echo.put("topic", d.topic());
            echo.put("tags", d.tags());
            echo.put("duration", d.duration());
            echo.put("file_size", d.fileSize());
            echo.put("storage_uri", d.uri());
            echo.put("thumbnail_uri", d.thumbnailUri());
        } else {
            echo.put("file_uri", d.uri());
            echo.put("file_type", d.fileType());
            echo.put("file_size", d.fileSize());
            echo.put("grade", d.grade());
            echo.put("topic", d.topic());
            echo.put("tags", d.tags());
        }
        return echo;
    }

    static String model(ContentKind kind) {
        return kind == ContentKind.VIDEO ? "VideoAsset" : "Resource";
    }
}
