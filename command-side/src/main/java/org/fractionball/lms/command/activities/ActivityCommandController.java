package org.fractionball.lms.command.activities;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.fractionball.lms.command.web.CommandRejected;
import org.fractionball.lms.command.web.CommandSender;
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

import java.util.Map;
import java.util.UUID;

/**
 * Curriculum activity writes (contract A.1, as a JSON API): ADMINs only. The permission is checked
 * first, as DRF does, so others get 403 whatever the slug or body; slugs in paths are resolved
 * through the command side's slug table.
 */
@RestController
@Tag(name = "Activities")
public class ActivityCommandController {
    static final String MODEL = "Activity";

    private final CommandSender commands;
    private final ActivitySlugs slugs;

    public ActivityCommandController(CommandSender commands, ActivitySlugs slugs) {
        this.commands = commands;
        this.slugs = slugs;
    }

    @Operation(summary = "Add an activity (ADMIN)", description = "slug is derived from the title when not given "
            + "(with -2, -3 … when taken); video_asset, teacher_resources and student_resources name live videos and "
            + "resources. Answers the activity as GET /api/activities/{slug}/ shows it.")
    @PostMapping("/api/activities/")
    public ResponseEntity<Object> create(@RequestBody(required = false) JsonNode body, Caller caller) {
        Activity.requireAdmin(caller);
        CreateActivity command = new CreateActivity(UUID.randomUUID(), ActivityFields.forCreate(body), caller);
        return commands.send(command.aggregateId(), command, MODEL, 201, ActivityResponse::of);
    }

    @Operation(summary = "Replace an activity's fields (ADMIN)")
    @PutMapping("/api/activities/{slug}/")
    public ResponseEntity<Object> replace(@PathVariable("slug") String slug,
                                          @RequestBody(required = false) JsonNode body, Caller caller) {
        return change(slug, body, false, caller);
    }

    @Operation(summary = "Change some of an activity's fields (ADMIN)")
    @PatchMapping("/api/activities/{slug}/")
    public ResponseEntity<Object> patch(@PathVariable("slug") String slug,
                                        @RequestBody(required = false) JsonNode body, Caller caller) {
        return change(slug, body, true, caller);
    }

    @Operation(summary = "Delete an activity (ADMIN); its slug becomes free")
    @DeleteMapping("/api/activities/{slug}/")
    public ResponseEntity<Object> delete(@PathVariable("slug") String slug, Caller caller) {
        Activity.requireAdmin(caller);
        UUID id = resolve(slug);
        return commands.send(AggregateIds.activity(id), new DeleteActivity(id, caller), MODEL, 204,
                (Object ignored) -> null);
    }

    @Operation(summary = "Publish an activity (ADMIN)", description = "Already published: answered as is.")
    @PostMapping("/api/activities/{slug}/publish/")
    public ResponseEntity<Object> publish(@PathVariable("slug") String slug, Caller caller) {
        Activity.requireAdmin(caller);
        UUID id = resolve(slug);
        return commands.send(AggregateIds.activity(id), new PublishActivity(id, caller), MODEL, 200,
                ActivityResponse::of);
    }

    @Operation(summary = "Hide an activity from everyone but admins (ADMIN)", description = "Already hidden: answered as is.")
    @PostMapping("/api/activities/{slug}/unpublish/")
    public ResponseEntity<Object> unpublish(@PathVariable("slug") String slug, Caller caller) {
        Activity.requireAdmin(caller);
        UUID id = resolve(slug);
        return commands.send(AggregateIds.activity(id), new UnpublishActivity(id, caller), MODEL, 200,
                ActivityResponse::of);
    }

    private ResponseEntity<Object> change(String slug, JsonNode body, boolean partial, Caller caller) {
        Activity.requireAdmin(caller);
        UUID id = resolve(slug);
        ChangeActivity command = new ChangeActivity(id, ActivityFields.forEdit(body, partial), caller);
        return commands.send(command.aggregateId(), command, MODEL, 200, ActivityResponse::of);
    }

    /** The live activity a path's slug names (in any case); anything else is the plain 404. */
    private UUID resolve(String slug) {
        UUID id = slug.length() <= Slugs.MAX_LENGTH && Slugs.VALID.matcher(slug).matches()
                ? slugs.activityIdFor(slug) : null;
        if (id == null) {
            throw new CommandRejected(404, Map.of("detail", "Not found."));
        }
        return id;
    }
}
