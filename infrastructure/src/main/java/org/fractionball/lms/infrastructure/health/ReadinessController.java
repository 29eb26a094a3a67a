package org.fractionball.lms.infrastructure.health;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Readiness, anonymous and never throttled: every {@link OpsCheck} with its level and
 * measurements, the worst of them as {@code status}. Answers 503 when a check that gates readiness
 * (the database) is CRITICAL, so a load balancer stops sending this node requests.
 */
@RestController
@Tag(name = "Health")
public class ReadinessController {
    private final List<OpsCheck> checks;

    public ReadinessController(List<OpsCheck> checks) {
        this.checks = checks;
    }

    @Operation(summary = "Readiness with dependency checks (HEALTHY / WARNING / CRITICAL)")
    @GetMapping("/api/readyz/")
    public ResponseEntity<Map<String, Object>> readyz() {
        HealthLevel overall = HealthLevel.HEALTHY;
        boolean ready = true;
        Map<String, Object> results = new LinkedHashMap<>();
        for (OpsCheck check : checks) {
            CheckResult result = check.check();
            overall = overall.worst(result.level());
            ready &= !(check.gatesReadiness() && result.level() == HealthLevel.CRITICAL);
            Map<String, Object> shown = new LinkedHashMap<>();
            shown.put("status", result.level().name());
            if (result.reason() != null) {
                shown.put("reason", result.reason());
            }
            shown.putAll(result.details());
            results.put(check.name(), shown);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", overall.name().toLowerCase(Locale.ROOT));
        body.put("ready", ready);
        body.put("checks", results);
        return ResponseEntity.status(ready ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).body(body);
    }
}
