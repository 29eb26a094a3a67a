package org.fractionball.lms.command.config;

import java.util.List;
import java.util.UUID;

/**
 * Configuration lookups owned by the command side and written in each command's transaction:
 * unique keys and flag names, the id → key/name mapping of the HTTP paths, and the current values
 * and flag scopes the enforcement checks read through {@link #snapshot()}.
 */
public interface ConfigRegistry {
    String KEY_TAKEN = "System Configuration with this key already exists.";
    String NAME_TAKEN = "Feature Flag with this name already exists.";

    /** Records a new key with its value; refuses a taken key with the contract's 400. */
    void claimKey(String key, UUID configId, String type, String value);

    void changeValue(String key, String type, String value);

    void releaseKey(String key);

    /** The key of the live configuration entry with this id, or null. */
    String keyOf(UUID configId);

    /** The id of the live configuration entry with this key, or null. */
    UUID idOfKey(String key);

    /** Records a new flag name with its scope; refuses a taken name with the contract's 400. */
    void claimName(String name, UUID flagId, boolean enabled, List<Long> schools, List<String> roles);

    void changeFlag(String name, boolean enabled, List<Long> schools, List<String> roles);

    void releaseName(String name);

    /** The name of the live flag with this id, or null. */
    String nameOf(UUID flagId);

    /** The current values and flags, from a copy kept in process (see {@link LiveConfiguration}). */
    LiveConfiguration snapshot();
}
