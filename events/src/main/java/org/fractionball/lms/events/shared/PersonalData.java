package org.fractionball.lms.events.shared;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A text component of an event record that identifies or describes a person. It is stored
 * encrypted with the key of the record's {@link DataSubject}; once that key is erased it reads as
 * {@link #ERASED}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface PersonalData {
    /** What an erased value reads as, everywhere: replays, the audit API, exports and read tables. */
    String ERASED = "[erased]";
}
