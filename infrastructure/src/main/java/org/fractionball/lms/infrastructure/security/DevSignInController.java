package org.fractionball.lms.infrastructure.security;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Map;

/**
 * The development sign-in of the embedded quickstart: an ID token for any uid, with no password.
 * It exists only when the dev profile enables it (startup refuses it in production).
 */
@RestController
@Tag(name = "Development")
public class DevSignInController {
    private final DevelopmentSignIn signIn;

    public DevSignInController(DevelopmentSignIn signIn) {
        this.signIn = signIn;
    }

    @Operation(summary = "Development only: an ID token for a provisioned user's Firebase uid")
    @PostMapping("/api/dev/sign-in/")
    public ResponseEntity<Map<String, ?>> signIn(@RequestBody(required = false) JsonNode body) {
        if (!signIn.enabled()) {
            return ResponseEntity.status(404).body(Map.of("detail", "Not found."));
        }
        JsonNode uid = body == null ? null : body.get("uid");
        if (uid == null || !uid.isTextual() || uid.asText().isBlank() || uid.asText().length() > 128) {
            return ResponseEntity.badRequest().body(Map.of("uid", List.of("This field is required.")));
        }
        return ResponseEntity.ok(Map.of("id_token", signIn.issue(uid.asText()),
                "expires_in", DevelopmentTokens.LIFETIME.toSeconds()));
    }
}
