package org.fractionball.lms.infrastructure.config;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.fractionball.lms.command.config.SystemSettings;
import org.fractionball.lms.infrastructure.web.JsonErrors;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.resource.ResourceHttpRequestHandler;

import java.io.IOException;
import java.util.Set;

/**
 * {@code system.maintenance_mode} (D25f): while it is on, every request that would change state
 * (POST, PUT, PATCH, DELETE) is answered 503 with a JSON message and changes nothing; reads keep
 * working. Exempt: the configuration endpoints (ADMIN only), so an admin can switch it off, and
 * sign-in. Runs after authentication and the role check, so callers still get their 401/403.
 */
public class MaintenanceModeInterceptor implements HandlerInterceptor {
    static final String MESSAGE = "The service is in maintenance mode: changes are not accepted until it ends. "
            + "Reading keeps working.";
    private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");

    private final SystemSettings settings;

    public MaintenanceModeInterceptor(SystemSettings settings) {
        this.settings = settings;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws IOException {
        if (request.getDispatcherType() != DispatcherType.REQUEST || handler instanceof ResourceHttpRequestHandler
                || !WRITES.contains(request.getMethod()) || !settings.maintenanceMode()) {
            return true;
        }
        response.setHeader("Retry-After", "300");
        JsonErrors.detail(response, 503, MESSAGE);
        return false;
    }
}
