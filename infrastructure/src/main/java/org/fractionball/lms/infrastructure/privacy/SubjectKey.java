package org.fractionball.lms.infrastructure.privacy;

import javax.crypto.SecretKey;

/** What the key store knows of a data subject: its data key, or that it was erased, or nothing yet. */
public record SubjectKey(SecretKey key, boolean erased) {
    static final SubjectKey NONE = new SubjectKey(null, false);
    static final SubjectKey ERASED = new SubjectKey(null, true);

    static SubjectKey of(SecretKey key) {
        return new SubjectKey(key, false);
    }
}
