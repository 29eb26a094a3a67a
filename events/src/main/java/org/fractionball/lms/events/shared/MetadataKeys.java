package org.fractionball.lms.events.shared;

import java.util.List;

/** Keys of the metadata every stored event carries (who, from where, and why). */
public final class MetadataKeys {
    public static final String ACTOR_UID = "actorUid";
    public static final String ACTOR_USER_ID = "actorUserId";
    public static final String ACTOR_ROLE = "actorRole";
    public static final String ACTOR_SCHOOL = "actorSchool";
    public static final String CLIENT_IP = "clientIp";
    public static final String USER_AGENT = "userAgent";
    public static final String REQUEST_ID = "requestId";
    public static final String CORRELATION_ID = "correlationId";
    public static final String CAUSATION_ID = "causationId";

    /** Copied from a command to the events it causes. */
    public static final List<String> PROPAGATED = List.of(ACTOR_UID, ACTOR_USER_ID, ACTOR_ROLE, ACTOR_SCHOOL,
            CLIENT_IP, USER_AGENT, REQUEST_ID, CORRELATION_ID);

    private MetadataKeys() {
    }
}
