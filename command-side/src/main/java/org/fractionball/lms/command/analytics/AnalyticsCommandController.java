package org.fractionball.lms.command.analytics;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.fractionball.lms.command.web.CommandSender;
import org.fractionball.lms.events.shared.Caller;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** Contract §5.16: view tracking, one view per (video, user, session) however many heartbeats (D23). */
@RestController
@Tag(name = "Analytics")
public class AnalyticsCommandController {
    private final CommandSender commands;

    public AnalyticsCommandController(CommandSender commands) {
        this.commands = commands;
    }

    @Operation(summary = "Track a view of a video, or a heartbeat of one",
            description = "Calls with the same session_id update one view (maxima of duration and completion).")
    @PostMapping("/api/analytics/view/")
    public ResponseEntity<Object> track(@RequestBody(required = false) JsonNode body, Caller caller) {
        TrackVideoView command = ViewFields.read(body, caller);
        return commands.send(command.aggregateId(), command, "view", 200, (UUID viewId) -> {
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("message", "View tracked successfully");
            answer.put("view_id", viewId);
            return answer;
        });
    }
}
