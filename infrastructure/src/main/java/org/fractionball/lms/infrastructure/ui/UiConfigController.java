package org.fractionball.lms.infrastructure.ui;

import io.swagger.v3.oas.annotations.Hidden;
import org.fractionball.lms.infrastructure.security.DevelopmentSignIn;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The public settings the pages need to sign in: the Firebase web configuration (API key, auth
 * domain, project, and the Auth emulator's URL when the server uses one) and whether the
 * development sign-in is on. All of it is public by nature (Firebase's web API key identifies
 * the project, it grants nothing). {@code firebase} is null when e-mail sign-in cannot work: no
 * project, or no web API key outside the emulator.
 */
@RestController
@Hidden
public class UiConfigController {
    /** The emulator accepts any API key; the SDK only needs one to be present. */
    static final String EMULATOR_API_KEY = "emulator-api-key";

    private final Map<String, Object> config;

    public UiConfigController(@Value("${lms.firebase.project-id:}") String projectId,
                              @Value("${lms.firebase.web-api-key:}") String apiKey,
                              @Value("${lms.firebase.auth-domain:}") String authDomain,
                              @Value("${FIREBASE_AUTH_EMULATOR_HOST:}") String emulatorHost,
                              DevelopmentSignIn devSignIn) {
        boolean emulator = !emulatorHost.isBlank();
        Map<String, Object> firebase = null;
        if (!projectId.isBlank() && (emulator || !apiKey.isBlank())) {
            firebase = new LinkedHashMap<>();
            firebase.put("api_key", apiKey.isBlank() ? EMULATOR_API_KEY : apiKey.strip());
            firebase.put("auth_domain", authDomain.isBlank() ? projectId.strip() + ".firebaseapp.com" : authDomain.strip());
            firebase.put("project_id", projectId.strip());
            firebase.put("emulator_url", emulator ? "http://" + emulatorHost.strip() : null);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("firebase", firebase);
        answer.put("dev_sign_in", devSignIn.enabled());
        this.config = answer;
    }

    @GetMapping("/ui/config.json")
    public ResponseEntity<Map<String, Object>> config() {
        return ResponseEntity.ok().cacheControl(CacheControl.noCache()).body(config);
    }
}
