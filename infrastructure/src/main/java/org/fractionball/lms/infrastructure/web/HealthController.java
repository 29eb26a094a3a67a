package org.fractionball.lms.infrastructure.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.LinkedHashMap;
import java.util.Map;

/** Contract §5.1: liveness, anonymous, never throttled, no dependency checks. */
@RestController
@Tag(name = "Health")
public class HealthController {
    private static final Map<String, String> HEALTHY = new LinkedHashMap<>();

    static {
        HEALTHY.put("status", "healthy");
        HEALTHY.put("message", "Fraction Ball LMS API is running");
    }

    @Operation(summary = "Liveness")
    @GetMapping("/api/healthz/")
    public Map<String, String> healthz() {
        return HEALTHY;
    }
}
