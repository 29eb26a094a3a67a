package org.fractionball.lms.command.activities;

import org.fractionball.lms.events.content.ContentKind;
import org.fractionball.lms.events.shared.AggregateIds;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Test double of {@link RepositoryLinkedContent}: live items by aggregate id, and every lookup in order. */
public class InMemoryLinkedContent implements LinkedContent {
    private final Map<String, LinkedItem> live = new HashMap<>();
    final List<String> lookups = new ArrayList<>();

    LinkedItem video(UUID id, String title, Integer duration) {
        return add(new LinkedItem(ContentKind.VIDEO, id, title, duration, null));
    }

    LinkedItem resource(UUID id, String title, String fileType) {
        return add(new LinkedItem(ContentKind.RESOURCE, id, title, null, fileType));
    }

    /** The item's aggregate was deleted: loading it fails from now on. */
    void delete(ContentKind kind, UUID id) {
        live.remove(AggregateIds.content(kind, id));
    }

    @Override
    public LinkedItem find(ContentKind kind, UUID contentId) {
        String aggregateId = AggregateIds.content(kind, contentId);
        lookups.add(aggregateId);
        return live.get(aggregateId);
    }

    private LinkedItem add(LinkedItem item) {
        live.put(AggregateIds.content(item.kind(), item.id()), item);
        return item;
    }
}
