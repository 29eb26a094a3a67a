package org.fractionball.lms.infrastructure.cluster;

import org.springframework.core.env.Environment;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What this node does, from the Spring profiles {@code command}, {@code query} and
 * {@code projections} (any combination); a node with none of them does everything.
 */
public final class NodeRoles {
    public enum Role {
        /** Serves every API route, writes included; runs no event processor. */
        COMMAND,
        /** Serves reads (GET, HEAD, OPTIONS); runs no event processor. */
        QUERY,
        /** Runs the event processors; serves no API route but health. */
        PROJECTIONS
    }

    private final Set<Role> roles;

    private NodeRoles(Set<Role> roles) {
        this.roles = Set.copyOf(roles);
    }

    public static NodeRoles of(Environment environment) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (Role role : Role.values()) {
            if (environment.matchesProfiles(role.name().toLowerCase(Locale.ROOT))) {
                roles.add(role);
            }
        }
        return new NodeRoles(roles.isEmpty() ? EnumSet.allOf(Role.class) : roles);
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    public boolean all() {
        return roles.size() == Role.values().length;
    }

    @Override
    public String toString() {
        return roles.stream().sorted().map(role -> role.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(","));
    }
}
