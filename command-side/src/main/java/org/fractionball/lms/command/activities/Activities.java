package org.fractionball.lms.command.activities;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Repository;
import org.fractionball.lms.events.activities.ActivityCreated;
import org.fractionball.lms.events.activities.ActivityDetails;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Creates activities and answers with their state (an aggregate constructor can only return its id). */
@Component
public class Activities {
    private final Repository<Activity> activities;
    private final ActivitySlugs slugs;
    private final LinkedContent content;

    public Activities(Repository<Activity> activities, ActivitySlugs slugs, LinkedContent content) {
        this.activities = activities;
        this.slugs = slugs;
        this.content = content;
    }

    @CommandHandler
    public ActivityResult handle(CreateActivity command) throws Exception {
        Activity.requireAdmin(command.by());
        ActivityEdit edit = command.edit();
        ActivityLinks.Resolved links = ActivityLinks.resolve(edit, ActivityEdit.DEFAULTS, content);
        Map<String, List<String>> errors = new LinkedHashMap<>();
        if (edit.slug() != null && slugs.activityIdFor(edit.slug()) != null) {
            errors.put("slug", List.of(SlugTaken.MESSAGE));
        }
        errors.putAll(links.errors());
        ActivityLinks.throwIfAny(errors);
        String slug;
        if (edit.slug() != null) {
            slugs.claim(command.activityId(), edit.slug());
            slug = edit.slug();
        } else {
            slug = slugs.claimDerived(command.activityId(), Slugs.slugify(edit.title()));
        }
        ActivityDetails details = edit.applyTo(ActivityEdit.DEFAULTS, slug, links);
        ActivityCreated created = new ActivityCreated(command.activityId(), details,
                edit.published() == null || edit.published());
        ActivityState state = activities.newInstance(() -> new Activity(created)).invoke(Activity::state);
        return new ActivityResult(state, links.items());
    }
}
