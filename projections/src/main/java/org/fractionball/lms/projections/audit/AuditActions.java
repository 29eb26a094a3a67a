package org.fractionball.lms.projections.audit;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;

import java.util.HashMap;
import java.util.Map;

/**
 * The action codes {@link AuditLogProjection} gives the events of the batch being handled, by event
 * id, for {@link AuditIndexProjection} to store with each event's index row when the batch commits.
 * Both run in the audit processing group, so they see the same batch; the index reads the codes
 * when it writes, after every handler of the batch has run, whichever of the two ran first.
 */
final class AuditActions {
    private static final String RESOURCE = AuditActions.class.getName();

    private AuditActions() {
    }

    /** The event's action; the first one named wins (an import batch names one per imported row). */
    static void note(EventMessage<?> message, String action) {
        if (CurrentUnitOfWork.isStarted()) {
            actions().putIfAbsent(message.getIdentifier(), action);
        }
    }

    /** The batch's actions by event id (empty outside a unit of work). */
    static Map<String, String> ofBatch() {
        return CurrentUnitOfWork.isStarted() ? actions() : Map.of();
    }

    private static Map<String, String> actions() {
        return CurrentUnitOfWork.get().root().getOrComputeResource(RESOURCE, key -> new HashMap<>());
    }
}
