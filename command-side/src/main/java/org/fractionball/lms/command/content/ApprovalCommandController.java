package org.fractionball.lms.command.content;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.fractionball.lms.command.config.ConfigDefaults;
import org.fractionball.lms.command.config.FeatureSwitches;
import org.fractionball.lms.command.web.CommandRejected;
import org.fractionball.lms.command.web.CommandSender;
import org.fractionball.lms.command.web.PathIds;
import org.fractionball.lms.command.web.RequestFields;
import org.fractionball.lms.events.content.ContentKind;
import org.fractionball.lms.events.shared.AggregateIds;
import org.fractionball.lms.events.shared.Caller;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Contract §5.17 actions as commands on the content item, for videos and (new) resources. Owners
 * of any role submit and return their own content (D14); reviewers approve and reject others'.
 */
@RestController
@Tag(name = "Content approval")
public class ApprovalCommandController {
    private final CommandSender commands;
    private final ContentResponses responses;
    private final FeatureSwitches switches;

    public ApprovalCommandController(CommandSender commands, ContentResponses responses, FeatureSwitches switches) {
        this.commands = commands;
        this.responses = responses;
        this.switches = switches;
    }

    @Operation(summary = "Submit one's own draft for review (any role)",
            description = "While the feature flag content_approval_required is off for the caller, the draft is "
                    + "published at once (audited as CONTENT_PUBLISHED_WITHOUT_REVIEW).")
    @PostMapping("/api/approval/{kind}/{id}/submit_for_review/")
    public ResponseEntity<Object> submit(@PathVariable("kind") String kind, @PathVariable("id") String id,
                                         Caller caller) {
        ContentKind contentKind = kind(kind);
        UUID contentId = PathIds.uuid(id);
        if (!switches.isEnabled(ConfigDefaults.CONTENT_APPROVAL_REQUIRED, caller)) {
            return send(new PublishContentWithoutReview(contentId, contentKind,
                    ConfigDefaults.CONTENT_APPROVAL_REQUIRED, caller), contentKind, contentId,
                    "Content published without review: approval is not required");
        }
        return send(new SubmitContentForReview(contentId, contentKind, caller), contentKind, contentId,
                "Content submitted for review successfully");
    }

    @Operation(summary = "Approve and publish pending content (school admin of its school, or admin)")
    @PostMapping("/api/approval/{kind}/{id}/approve/")
    public ResponseEntity<Object> approve(@PathVariable("kind") String kind, @PathVariable("id") String id,
                                          @RequestBody(required = false) JsonNode body, Caller caller) {
        ContentKind contentKind = kind(kind);
        UUID contentId = PathIds.uuid(id);
        String notes = text(body, "notes");
        return send(new ApproveContent(contentId, contentKind, notes, caller), contentKind, contentId,
                "Content approved and published successfully");
    }

    @Operation(summary = "Reject pending content with a reason of at least 10 characters")
    @PostMapping("/api/approval/{kind}/{id}/reject/")
    public ResponseEntity<Object> reject(@PathVariable("kind") String kind, @PathVariable("id") String id,
                                         @RequestBody(required = false) JsonNode body, Caller caller) {
        ContentKind contentKind = kind(kind);
        UUID contentId = PathIds.uuid(id);
        String reason = text(body, "reason");
        return send(new RejectContent(contentId, contentKind, reason, caller), contentKind, contentId,
                "Content rejected successfully");
    }

    @Operation(summary = "Take one's own pending or rejected content back to draft (any role)")
    @PostMapping("/api/approval/{kind}/{id}/return_to_draft/")
    public ResponseEntity<Object> returnToDraft(@PathVariable("kind") String kind, @PathVariable("id") String id,
                                                Caller caller) {
        ContentKind contentKind = kind(kind);
        UUID contentId = PathIds.uuid(id);
        return send(new ReturnContentToDraft(contentId, contentKind, caller), contentKind, contentId,
                "Content returned to draft status");
    }

    private ResponseEntity<Object> send(Object command, ContentKind kind, UUID contentId, String message) {
        return commands.send(AggregateIds.content(kind, contentId), command,
                ContentCommandController.model(kind), 200, (ContentState state) -> {
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("message", message);
                    body.put(kind == ContentKind.VIDEO ? "video" : "resource", responses.of(state));
                    return body;
                });
    }

    /** An optional string field of an optional body; a non-string value is a 400, not the original's HTML 500. */
    private static String text(JsonNode body, String field) {
        RequestFields fields = RequestFields.of(body, true);
        String value = fields.string(field, false, 5000, true);
        fields.validate();
        return value;
    }

    private static ContentKind kind(String segment) {
        return switch (segment) {
            case "videos" -> ContentKind.VIDEO;
            case "resources" -> ContentKind.RESOURCE;
            default -> throw new CommandRejected(404, Map.of("detail", "Not found."));
        };
    }
}
