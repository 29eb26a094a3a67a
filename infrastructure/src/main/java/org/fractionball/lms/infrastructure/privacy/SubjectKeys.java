package org.fractionball.lms.infrastructure.privacy;

import org.fractionball.lms.command.accounts.PersonalDataKeys;

/** The data keys as the serializer uses them. */
public interface SubjectKeys extends PersonalDataKeys {

    /** The subject's key as stored, to read with (possibly as cached a little while ago). */
    SubjectKey find(String subject);

    /** The subject's key as stored now, bypassing what was cached. */
    SubjectKey reload(String subject);

    /** The subject's key, created now (in the current transaction) when it has none; erased subjects stay erased. */
    SubjectKey forWriting(String subject);
}
