package org.fractionball.lms.command.playlists;

import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.annotation.ClasspathParameterResolverFactory;
import org.axonframework.messaging.annotation.MultiParameterResolverFactory;
import org.axonframework.messaging.annotation.SimpleResourceParameterResolverFactory;
import org.fractionball.lms.command.content.ContentItem;
import org.fractionball.lms.command.storage.InMemoryBlobStore;
import org.fractionball.lms.events.content.ContentApproved;
import org.fractionball.lms.events.content.ContentCreated;
import org.fractionball.lms.events.content.ContentDeleted;
import org.fractionball.lms.events.content.ContentDetails;
import org.fractionball.lms.events.content.ContentKind;
import org.fractionball.lms.events.content.ContentReturnedToDraft;
import org.fractionball.lms.events.content.ContentStatus;
import org.fractionball.lms.events.content.ContentSubmittedForReview;
import org.fractionball.lms.events.shared.AggregateIds;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Videos as real {@link ContentItem} aggregates in an event store of their own, read by the
 * production {@link ContentItemVideos}: the tests give videos a history (created, published,
 * returned to draft, deleted) and the playlist commands see exactly what a content command would.
 */
final class TestVideos implements AutoCloseable {
    static final Instant CREATED_AT = Instant.parse("2025-02-01T08:00:00Z");
    private static final long OWNER_ID = 42;
    private static final long REVIEWER_ID = 10;

    private final InMemoryEventStorageEngine storage = new InMemoryEventStorageEngine();
    private final EmbeddedEventStore store = EmbeddedEventStore.builder().storageEngine(storage).build();
    private final Map<UUID, Long> sequences = new HashMap<>();
    private final Map<UUID, String> titles = new HashMap<>();
    final ContentItemVideos lookup;

    TestVideos() {
        InMemoryBlobStore blobs = new InMemoryBlobStore(CREATED_AT);
        // ContentItem's download handler takes the BlobStore as a resource
        lookup = new ContentItemVideos(EventSourcingRepository.builder(ContentItem.class)
                .eventStore(store)
                .parameterResolverFactory(MultiParameterResolverFactory.ordered(
                        new SimpleResourceParameterResolverFactory(Set.of(blobs)),
                        ClasspathParameterResolverFactory.forClass(ContentItem.class)))
                .build());
    }

    /** A video published in {@code schoolId}. */
    UUID published(long schoolId, String title, Integer duration) {
        UUID id = draft(schoolId, title, duration);
        append(id, new ContentSubmittedForReview(id, ContentKind.VIDEO, title, OWNER_ID));
        append(id, new ContentApproved(id, ContentKind.VIDEO, title, OWNER_ID, REVIEWER_ID, ""));
        return id;
    }

    UUID draft(long schoolId, String title, Integer duration) {
        UUID id = UUID.randomUUID();
        titles.put(id, title);
        append(id, new ContentCreated(id, ContentKind.VIDEO, OWNER_ID, schoolId, new ContentDetails(title,
                "A description of the lesson.", "3", "number_line", List.of(), duration, null,
                "https://videos.example.org/" + id + ".mp4", "", null), null));
        return id;
    }

    void returnToDraft(UUID id) {
        append(id, new ContentReturnedToDraft(id, ContentKind.VIDEO, titles.get(id), ContentStatus.PUBLISHED,
                ContentReturnedToDraft.BY_OWNER));
    }

    void delete(UUID id, long schoolId) {
        append(id, new ContentDeleted(id, ContentKind.VIDEO, titles.get(id), OWNER_ID, schoolId, null));
    }

    String title(UUID id) {
        return titles.get(id);
    }

    private void append(UUID id, Object payload) {
        long sequence = sequences.merge(id, 0L, (current, ignored) -> current + 1);
        storage.appendEvents(new GenericDomainEventMessage<>("ContentItem", AggregateIds.content(ContentKind.VIDEO, id),
                sequence, payload, Map.of(), UUID.randomUUID().toString(),
                CREATED_AT));
    }

    @Override
    public void close() {
        store.shutDown();
    }
}
