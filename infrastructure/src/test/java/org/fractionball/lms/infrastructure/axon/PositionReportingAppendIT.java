package org.fractionball.lms.infrastructure.axon;

import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.fractionball.lms.events.playlists.PlaylistCreated;
import org.fractionball.lms.events.playlists.PlaylistDeleted;
import org.fractionball.lms.events.shared.AggregateIds;
import org.fractionball.lms.events.shared.Role;
import org.fractionball.lms.infrastructure.support.Api;
import org.fractionball.lms.infrastructure.support.IntegrationTest;
import org.fractionball.lms.infrastructure.web.RequestContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A request learns the positions of its committed events from the append, and of nothing rolled back. */
class PositionReportingAppendIT extends IntegrationTest {

    @Autowired
    private EventStore eventStore;

    @Autowired
    private TransactionManager transactionManager;

    @Test
    void a_committed_append_reports_the_newest_position_of_each_aggregate() {
        long schoolId = school(unique("position") + ".edu");
        long ownerId = jdbc.queryForObject("SELECT user_id FROM user_registry WHERE firebase_uid = ?", Long.class,
                user(Role.TEACHER, schoolId));
        UUID firstId = UUID.randomUUID();
        UUID secondId = UUID.randomUUID();
        String first = AggregateIds.playlist(firstId);
        String second = AggregateIds.playlist(secondId);
        RequestContext[] context = new RequestContext[1];
        RequestContext.runAs("system:test", () -> {
            context[0] = RequestContext.current();
            UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
            unitOfWork.attachTransaction(transactionManager);
            eventStore.publish(List.of(
                    event(first, 0, new PlaylistCreated(firstId, "First", "", ownerId, schoolId, false, null, List.of())),
                    event(first, 1, new PlaylistDeleted(firstId, "First", ownerId, schoolId)),
                    event(second, 0, new PlaylistCreated(secondId, "Second", "", ownerId, schoolId, false, null,
                            List.of()))));
            assertThat(context[0].appendedPosition(first)).as("not before the commit").isNull();
            unitOfWork.commit();
        });
        assertThat(context[0].appendedPosition(first)).isEqualTo(stored(first, 1));
        assertThat(context[0].appendedPosition(second)).isEqualTo(stored(second, 0));
    }

    @Test
    void an_append_rolled_back_after_it_ran_reports_nothing() {
        String aggregate = AggregateIds.playlist(UUID.randomUUID());
        RequestContext[] context = new RequestContext[1];
        RequestContext.runAs("system:test", () -> {
            context[0] = RequestContext.current();
            UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
            unitOfWork.attachTransaction(transactionManager);
            eventStore.publish(event(aggregate, 0, new PlaylistDeleted(UUID.randomUUID(), "Never", 0, 0)));
            // registered after the event store's own handler: fails the commit once the rows are inserted
            unitOfWork.onPrepareCommit(u -> {
                throw new IllegalStateException("fails after the append");
            });
            assertThatThrownBy(unitOfWork::commit).hasMessage("fails after the append");
        });
        assertThat(context[0].appendedPosition(aggregate)).isNull();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?",
                Long.class, aggregate)).isZero();
    }

    @Test
    void a_command_answers_the_position_its_append_committed() {
        long schoolId = school(unique("position") + ".edu");
        String admin = tokenFor(user(Role.ADMIN, schoolId));
        Api.Response renamed = api().patch("/api/schools/" + schoolId + "/", "{\"name\": \"Renamed\"}").token(admin).send();
        assertThat(renamed.status()).isEqualTo(200);
        assertThat(Long.parseLong(renamed.header("X-Event-Position"))).isEqualTo(jdbc.queryForObject("""
                SELECT global_index FROM domain_event_entry WHERE aggregate_identifier = ?
                ORDER BY sequence_number DESC LIMIT 1""", Long.class, "school-" + schoolId));
    }

    private long stored(String aggregate, long sequence) {
        return jdbc.queryForObject("SELECT global_index FROM domain_event_entry WHERE aggregate_identifier = ? "
                + "AND sequence_number = ?", Long.class, aggregate, sequence);
    }

    private static GenericDomainEventMessage<Object> event(String aggregate, long sequence, Object payload) {
        return new GenericDomainEventMessage<>("Playlist", aggregate, sequence, payload);
    }
}
