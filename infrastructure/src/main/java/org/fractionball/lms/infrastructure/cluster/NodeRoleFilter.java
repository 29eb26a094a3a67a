package org.fractionball.lms.infrastructure.cluster;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.fractionball.lms.infrastructure.web.JsonErrors;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.Set;

/**
 * Refuses the routes this node's roles do not serve with 503, the status nginx's
 * {@code proxy_next_upstream http_503} retries on another node: a query-only node serves reads,
 * a projections-only node nothing but health and metrics. Health, readiness and the actuator are
 * served by every node.
 */
public class NodeRoleFilter extends OncePerRequestFilter {
    private static final Set<String> READ_METHODS = Set.of("GET", "HEAD", "OPTIONS");
    private static final Set<String> EVERY_NODE = Set.of("/api/healthz/", "/api/readyz/");

    private final NodeRoles roles;

    public NodeRoleFilter(NodeRoles roles) {
        this.roles = roles;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI();
        if (served(request.getMethod(), path)) {
            chain.doFilter(request, response);
            return;
        }
        JsonErrors.detail(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, roles.has(NodeRoles.Role.QUERY)
                ? "This node serves reads only (node roles: " + roles + ")."
                : "This node serves no API requests (node roles: " + roles + ").");
    }

    private boolean served(String method, String path) {
        if (EVERY_NODE.contains(path) || path.equals("/actuator") || path.startsWith("/actuator/")
                || roles.has(NodeRoles.Role.COMMAND)) {
            return true;
        }
        return roles.has(NodeRoles.Role.QUERY) && READ_METHODS.contains(method);
    }
}
