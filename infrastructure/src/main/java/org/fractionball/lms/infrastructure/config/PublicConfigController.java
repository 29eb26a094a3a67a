package org.fractionball.lms.infrastructure.config;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.fractionball.lms.events.shared.Caller;
import org.fractionball.lms.projections.ProjectionNames;
import org.fractionball.lms.query.config.PublicConfigReads;
import org.fractionball.lms.query.web.ReadsFrom;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Contract §5.20.1, anonymous: the public configuration values and the enabled flags that apply to
 * the caller. Here rather than on the query side because the caller is optional, which only the
 * security context knows.
 */
@RestController
@Tag(name = "Configuration")
@ReadsFrom(ProjectionNames.CONFIG)
public class PublicConfigController {
    private final PublicConfigReads reads;

    public PublicConfigController(PublicConfigReads reads) {
        this.reads = reads;
    }

    @Operation(summary = "Public configuration (anonymous)", description = "Public values by category; the enabled "
            + "flags that apply to the caller (anonymous: the flags without school or role scope).")
    @GetMapping(value = {"/api/public-config/", "/api/config/public/"}, produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<String> publicConfig() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        Caller caller = authentication != null && authentication.getPrincipal() instanceof Caller known ? known : null;
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(reads.read(caller));
    }
}
