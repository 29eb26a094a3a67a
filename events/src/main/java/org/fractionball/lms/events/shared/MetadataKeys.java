package org.fractionball.lms.events.shared;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

    /**
     * The metadata of a message caused by the message {@code causeId} with {@code metadata}: its
     * {@link #PROPAGATED} values, its correlation id (or, first in a chain, its id) and the cause as causation.
     */
    public static Map<String, Object> causedBy(String causeId, Map<String, ?> metadata) {
        Map<String, Object> caused = new LinkedHashMap<>();
        for (String key : PROPAGATED) {
            Object value = metadata.get(key);
            if (value != null) {
                caused.put(key, value);
            }
        }
        caused.putIfAbsent(CORRELATION_ID, causeId);
        caused.put(CAUSATION_ID, causeId);
        return caused;
    }
}
