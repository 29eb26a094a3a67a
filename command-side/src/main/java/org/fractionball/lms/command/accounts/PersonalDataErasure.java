package org.fractionball.lms.command.accounts;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.AggregateDeletedException;
import org.axonframework.modelling.command.Repository;
import org.fractionball.lms.command.web.CommandRejected;
import org.fractionball.lms.events.accounts.PersonalDataErased;
import org.fractionball.lms.events.shared.AggregateIds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.Map;


/**
 * Erases a user's personal data in one transaction: destroys its data key, scrubs the command
 * side's registry and records {@link PersonalDataErased} (once: a repeat changes nothing). A live
 * user's account records it and is deactivated for good; a removed user's account is closed, so
 * the event is recorded on its own. An unknown user is a 404.
 */
@Component
public class PersonalDataErasure {
    static final String OWN_ERASURE = "Cannot erase your own personal data";
    private static final Logger LOG = LoggerFactory.getLogger(PersonalDataErasure.class);

    private final Repository<UserAccount> accounts;
    private final PersonalDataKeys keys;
    private final UserRegistry users;
    private final EventBus events;

    public PersonalDataErasure(Repository<UserAccount> accounts, PersonalDataKeys keys, UserRegistry users,
                               EventBus events) {
        this.accounts = accounts;
        this.keys = keys;
        this.users = users;
        this.events = events;
    }

    /** True when this erasure destroyed the key, false when it had been erased before. */
    @CommandHandler
    public boolean handle(ErasePersonalData command) throws Exception {
        if (command.by().userId() == command.userId()) {
            throw new CommandRejected(400, Map.of("error", OWN_ERASURE));
        }
        String subject = AggregateIds.user(command.userId());
        boolean erased;
        try {
            erased = accounts.load(subject).invoke(account -> account.erasePersonalData(keys, users));
        } catch (AggregateDeletedException removed) {
            erased = keys.erase(subject);
            if (erased) {
                events.publish(GenericEventMessage.asEventMessage(new PersonalDataErased(command.userId())));
            }
        }
        if (erased) {
            // a line for the erasure register: restores of older backups must re-apply it (runbook)
            LOG.info("Personal data of user {} erased by user {}", command.userId(), command.by().userId());
        }
        return erased;
    }
}
