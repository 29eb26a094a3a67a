package org.fractionball.lms.command.accounts;

/** The per-person keys that encrypt personal values in events (kept outside the event payloads). */
public interface PersonalDataKeys {

    /**
     * Destroys the subject's key in the current transaction, so everything encrypted with it
     * reads as erased from then on; false when it was already destroyed.
     */
    boolean erase(String subject);
}
