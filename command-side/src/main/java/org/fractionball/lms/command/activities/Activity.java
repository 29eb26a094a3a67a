package org.fractionball.lms.command.activities;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.fractionball.lms.command.web.CommandRejected;
import org.fractionball.lms.events.activities.ActivityChanged;
import org.fractionball.lms.events.activities.ActivityCreated;
import org.fractionball.lms.events.activities.ActivityDeleted;
import org.fractionball.lms.events.activities.ActivityDetails;
import org.fractionball.lms.events.activities.ActivityPublished;
import org.fractionball.lms.events.activities.ActivityUnpublished;
import org.fractionball.lms.events.shared.AggregateIds;
import org.fractionball.lms.events.shared.Caller;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.markDeleted;

/**
 * A curriculum activity (contract A.1): written by admins only, published or hidden, linked to
 * live videos and resources, reachable by a slug unique across activities (case-insensitive).
 */
@Aggregate(snapshotTriggerDefinition = "aggregateSnapshotTrigger")
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
public class Activity {
    static final String NOT_PERMITTED = "You do not have permission to perform this action.";

    /** The API name of each details field, in the order of contract A.1, for {@code changedFields}. */
    private static final Map<String, Function<ActivityDetails, Object>> FIELDS = fields();

    @AggregateIdentifier
    private String id;
    private UUID activityId;
    private ActivityDetails details;
    private boolean published;
    private Instant createdAt;
    private Instant updatedAt;

    protected Activity() {
    }

    /** Called by {@link Activities}, which answers with the new state. */
    Activity(ActivityCreated created) {
        apply(created);
    }

    /** Only admins write activities; everyone else gets DRF's permission answer. */
    static void requireAdmin(Caller by) {
        if (by == null || !by.isAdmin()) {
            throw CommandRejected.forbidden(NOT_PERMITTED);
        }
    }

    @CommandHandler
    public ActivityResult handle(ChangeActivity command, ActivitySlugs slugs, LinkedContent content) {
        requireAdmin(command.by());
        ActivityEdit edit = command.edit();
        ActivityLinks.Resolved links = ActivityLinks.resolve(edit, details, content);
        String newSlug = edit.slug() == null ? details.slug() : edit.slug();
        boolean slugChanged = !newSlug.equals(details.slug());
        Map<String, List<String>> errors = new LinkedHashMap<>();
        if (slugChanged) {
            UUID holder = slugs.activityIdFor(newSlug);
            if (holder != null && !holder.equals(activityId)) {
                errors.put("slug", List.of(SlugTaken.MESSAGE));
            }
        }
        errors.putAll(links.errors());
        ActivityLinks.throwIfAny(errors);
        if (slugChanged) {
            slugs.change(activityId, newSlug);
        }
        ActivityDetails changed = edit.applyTo(details, newSlug, links);
        List<String> changedFields = changedFields(details, changed);
        if (!changedFields.isEmpty()) {
            apply(new ActivityChanged(activityId, changed, changedFields));
        }
        if (edit.published() != null && edit.published() != published) {
            apply(edit.published() ? new ActivityPublished(activityId, details.title(), details.slug())
                    : new ActivityUnpublished(activityId, details.title(), details.slug()));
        }
        return new ActivityResult(state(), links.items());
    }

    @CommandHandler
    public ActivityResult handle(PublishActivity command, LinkedContent content) {
        requireAdmin(command.by());
        if (!published) {
            apply(new ActivityPublished(activityId, details.title(), details.slug()));
        }
        return new ActivityResult(state(), ActivityLinks.current(details, content));
    }

    @CommandHandler
    public ActivityResult handle(UnpublishActivity command, LinkedContent content) {
        requireAdmin(command.by());
        if (published) {
            apply(new ActivityUnpublished(activityId, details.title(), details.slug()));
        }
        return new ActivityResult(state(), ActivityLinks.current(details, content));
    }

    @CommandHandler
    public void handle(DeleteActivity command, ActivitySlugs slugs) {
        requireAdmin(command.by());
        slugs.release(activityId);
        apply(new ActivityDeleted(activityId, details.title(), details.slug()));
    }

    public ActivityState state() {
        return new ActivityState(activityId, details, published, createdAt, updatedAt);
    }

    @EventSourcingHandler
    void on(ActivityCreated event, @Timestamp Instant at) {
        id = AggregateIds.activity(event.activityId());
        activityId = event.activityId();
        details = event.details();
        published = event.published();
        createdAt = at;
        updatedAt = at;
    }

    @EventSourcingHandler
    void on(ActivityChanged event, @Timestamp Instant at) {
        details = event.details();
        updatedAt = at;
    }

    @EventSourcingHandler
    void on(ActivityPublished event, @Timestamp Instant at) {
        published = true;
        updatedAt = at;
    }

    @EventSourcingHandler
    void on(ActivityUnpublished event, @Timestamp Instant at) {
        published = false;
        updatedAt = at;
    }

    @EventSourcingHandler
    void on(ActivityDeleted event) {
        markDeleted();
    }

    /** The API names of the fields that differ; key terms count as changed when only their order does. */
    static List<String> changedFields(ActivityDetails before, ActivityDetails after) {
        List<String> changed = new ArrayList<>();
        FIELDS.forEach((name, value) -> {
            if (!Objects.equals(value.apply(before), value.apply(after))) {
                changed.add(name);
            }
        });
        return changed;
    }

    private static Map<String, Function<ActivityDetails, Object>> fields() {
        Map<String, Function<ActivityDetails, Object>> fields = new LinkedHashMap<>();
        fields.put("title", ActivityDetails::title);
        fields.put("slug", ActivityDetails::slug);
        fields.put("description", ActivityDetails::description);
        fields.put("activity_number", ActivityDetails::activityNumber);
        fields.put("grade", ActivityDetails::grade);
        fields.put("topics", ActivityDetails::topics);
        fields.put("location", ActivityDetails::location);
        fields.put("prerequisites", ActivityDetails::prerequisites);
        fields.put("learning_objectives", ActivityDetails::learningObjectives);
        fields.put("materials", ActivityDetails::materials);
        fields.put("game_rules", ActivityDetails::gameRules);
        fields.put("key_terms", d -> List.copyOf(d.keyTerms().entrySet()));
        fields.put("video_asset", ActivityDetails::videoAsset);
        fields.put("teacher_resources", ActivityDetails::teacherResources);
        fields.put("student_resources", ActivityDetails::studentResources);
        fields.put("icon_type", ActivityDetails::iconType);
        fields.put("thumbnail_uri", ActivityDetails::thumbnailUri);
        fields.put("order", ActivityDetails::order);
        return Collections.unmodifiableMap(fields);
    }
}
