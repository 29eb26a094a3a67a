package org.fractionball.lms.command.config;

import org.fractionball.lms.command.web.CommandRejected;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The configuration lookups in memory, for the aggregate fixtures. */
public class InMemoryConfigRegistry implements ConfigRegistry {
    private final Map<String, UUID> keys = new HashMap<>();
    private final Map<String, String> values = new HashMap<>();
    private final Map<String, UUID> names = new HashMap<>();
    private final Map<String, LiveConfiguration.FlagScope> flags = new HashMap<>();
    private long version;

    @Override
    public void claimKey(String key, UUID configId, String type, String value) {
        if (keys.containsKey(key)) {
            throw CommandRejected.field(400, "key", KEY_TAKEN);
        }
        keys.put(key, configId);
        values.put(key, value);
        version++;
    }

    @Override
    public void changeValue(String key, String type, String value) {
        values.put(key, value);
        version++;
    }

    @Override
    public void releaseKey(String key) {
        keys.remove(key);
        values.remove(key);
        version++;
    }

    @Override
    public String keyOf(UUID configId) {
        return keys.entrySet().stream().filter(e -> e.getValue().equals(configId)).map(Map.Entry::getKey)
                .findFirst().orElse(null);
    }

    @Override
    public UUID idOfKey(String key) {
        return keys.get(key);
    }

    @Override
    public void claimName(String name, UUID flagId, boolean enabled, List<Long> schools, List<String> roles) {
        if (names.containsKey(name)) {
            throw CommandRejected.field(400, "name", NAME_TAKEN);
        }
        names.put(name, flagId);
        flags.put(name, new LiveConfiguration.FlagScope(enabled, schools, roles));
        version++;
    }

    @Override
    public void changeFlag(String name, boolean enabled, List<Long> schools, List<String> roles) {
        flags.put(name, new LiveConfiguration.FlagScope(enabled, schools, roles));
        version++;
    }

    @Override
    public void releaseName(String name) {
        names.remove(name);
        flags.remove(name);
        version++;
    }

    @Override
    public String nameOf(UUID flagId) {
        return names.entrySet().stream().filter(e -> e.getValue().equals(flagId)).map(Map.Entry::getKey)
                .findFirst().orElse(null);
    }

    @Override
    public LiveConfiguration snapshot() {
        return new LiveConfiguration(version, values, flags);
    }
}
