package org.fractionball.lms.events.config;

/** Types of a system configuration value (contract §2.8) with their display labels. */
public enum ConfigType {
    STRING("String"),
    INTEGER("Integer"),
    FLOAT("Float"),
    BOOLEAN("Boolean"),
    JSON("JSON"),
    URL("URL"),
    EMAIL("Email"),
    COLOR("Color"),
    FILE("File Path");

    private final String label;

    ConfigType(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The type named by a client, or null when the name is not a type. */
    public static ConfigType parse(String value) {
        for (ConfigType type : values()) {
            if (type.name().equals(value)) {
                return type;
            }
        }
        return null;
    }
}
