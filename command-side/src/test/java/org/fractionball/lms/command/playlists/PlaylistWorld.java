package org.fractionball.lms.command.playlists;

import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.annotation.ClasspathParameterResolverFactory;
import org.axonframework.messaging.annotation.MultiParameterResolverFactory;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import org.axonframework.messaging.annotation.SimpleResourceParameterResolverFactory;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.modelling.command.AggregateAnnotationCommandHandler;
import org.axonframework.modelling.command.Repository;
import org.axonframework.commandhandling.AnnotationCommandHandlerAdapter;
import org.fractionball.lms.command.accounts.InMemoryUserRegistry;
import org.fractionball.lms.command.web.CommandRejected;
import org.fractionball.lms.events.shared.AggregateIds;

import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The playlist commands wired as the application wires them, on an in-memory event store: the
 * Playlist aggregate and the share links behind Axon's event-sourcing repositories, the
 * {@link Playlists} handlers, and real video aggregates ({@link TestVideos}). For what the
 * single-aggregate fixture cannot show: several playlists, and long sequences of commands each
 * replayed from the store.
 */
final class PlaylistWorld implements AutoCloseable {
    final TestVideos videos = new TestVideos();
    final InMemoryUserRegistry users = new InMemoryUserRegistry();
    private final EmbeddedEventStore events = EmbeddedEventStore.builder()
            .storageEngine(new InMemoryEventStorageEngine()).build();
    private final Repository<Playlist> playlists;
    private final CommandGateway gateway;

    PlaylistWorld() {
        SimpleCommandBus bus = SimpleCommandBus.builder().build();
        ParameterResolverFactory resources = MultiParameterResolverFactory.ordered(
                new SimpleResourceParameterResolverFactory(Set.of(videos.lookup)),
                ClasspathParameterResolverFactory.forClass(Playlist.class));
        playlists = EventSourcingRepository.builder(Playlist.class).eventStore(events)
                .parameterResolverFactory(resources).build();
        Repository<PlaylistShareLink> links = EventSourcingRepository.builder(PlaylistShareLink.class)
                .eventStore(events).build();
        AggregateAnnotationCommandHandler.<Playlist>builder().aggregateType(Playlist.class).repository(playlists)
                .parameterResolverFactory(resources).build().subscribe(bus);
        new AnnotationCommandHandlerAdapter<>(new Playlists(playlists, links, videos.lookup, users)).subscribe(bus);
        gateway = DefaultCommandGateway.builder().commandBus(bus).build();
    }

    /** Sends a command and answers its result; a refusal is thrown as the {@link CommandRejected} itself. */
    <R> R send(Object command) {
        try {
            return gateway.sendAndWait(command);
        } catch (RuntimeException failure) {
            for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
                if (cause instanceof CommandRejected rejected) {
                    throw rejected;
                }
            }
            throw failure;
        }
    }

    /** The playlist as a fresh load from the store rebuilds it. */
    PlaylistState state(UUID playlistId) {
        return DefaultUnitOfWork.startAndGet(null).executeWithResult(() -> playlists
                .load(AggregateIds.playlist(playlistId)).invoke(Playlist::state)).getPayload();
    }

    List<Object> eventsOf(String aggregateId) {
        return events.readEvents(aggregateId).asStream().map(DomainEventMessage::getPayload)
                .map(Object.class::cast).toList();
    }

    @Override
    public void close() {
        events.shutDown();
        videos.close();
    }
}
