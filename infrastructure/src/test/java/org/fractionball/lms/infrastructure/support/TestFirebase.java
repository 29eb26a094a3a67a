package org.fractionball.lms.infrastructure.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Real Firebase ID tokens for the end-to-end tests: from the Firebase Auth emulator when
 * {@code FIREBASE_AUTH_EMULATOR_HOST} is set (as {@code .ci/run} does), otherwise minted with
 * locally generated RS256 keys that the app verifies through the SDK in production mode.
 */
public final class TestFirebase {
    public static final String EMULATOR_HOST = System.getenv("FIREBASE_AUTH_EMULATOR_HOST");
    public static final boolean EMULATOR = EMULATOR_HOST != null && !EMULATOR_HOST.isBlank();
    public static final String PROJECT_ID = EMULATOR && System.getenv("FIREBASE_PROJECT_ID") != null
            ? System.getenv("FIREBASE_PROJECT_ID") : "demo-fractionball";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    static {
        System.out.println("[test firebase] " + (EMULATOR
                ? "ID tokens from the Firebase Auth emulator at " + EMULATOR_HOST
                : "no FIREBASE_AUTH_EMULATOR_HOST: ID tokens minted with local RS256 keys, verified by the SDK "
                + "in production mode"));
    }

    private TestFirebase() {
    }

    /** A fresh ID token for {@code uid}. */
    public static String idToken(String uid) {
        return EMULATOR ? emulatorSignIn(uid) : LocalKeys.mint(PROJECT_ID, uid, Map.of());
    }

    /** A token for {@code uid} that expired an hour ago (otherwise well-formed for the current mode). */
    public static String expiredToken(String uid) {
        long now = Instant.now().getEpochSecond();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iat", now - 7200);
        claims.put("auth_time", now - 7200);
        claims.put("exp", now - 3600);
        if (EMULATOR) {
            claims.putAll(Map.of("iss", "https://securetoken.google.com/" + PROJECT_ID, "aud", PROJECT_ID,
                    "sub", uid, "user_id", uid));
            return unsigned(claims);
        }
        return LocalKeys.mint(PROJECT_ID, uid, claims);
    }

    /** An emulator account made by e-mail/password sign-up: its uid and a fresh ID token. */
    public record SignedUp(String uid, String idToken) {
    }

    public static SignedUp signUp(String email, String password) {
        JsonNode response = call("POST", "/identitytoolkit.googleapis.com/v1/accounts:signUp?key=test",
                "{\"email\":\"" + email + "\",\"password\":\"" + password + "\",\"returnSecureToken\":true}", false);
        return new SignedUp(response.get("localId").asText(), response.get("idToken").asText());
    }

    /** Signs an existing e-mail/password account in again: a new ID token. */
    public static String signIn(String email, String password) {
        return call("POST", "/identitytoolkit.googleapis.com/v1/accounts:signInWithPassword?key=test",
                "{\"email\":\"" + email + "\",\"password\":\"" + password + "\",\"returnSecureToken\":true}",
                false).get("idToken").asText();
    }

    /** Sets custom claims on an emulator account (as the Admin SDK's setCustomUserClaims does). */
    public static void setCustomClaims(String uid, String claimsJson) {
        update("{\"localId\":\"" + uid + "\",\"customAttributes\":" + JSON.valueToTree(claimsJson) + "}");
    }

    /** Revokes every token issued to the account up to now (tokens must be at least a second old). */
    public static void revokeTokens(String uid) {
        update("{\"localId\":\"" + uid + "\",\"validSince\":\"" + Instant.now().getEpochSecond() + "\"}");
    }

    public static void disable(String uid) {
        update("{\"localId\":\"" + uid + "\",\"disableUser\":true}");
    }

    public static void delete(String uid) {
        call("POST", "/identitytoolkit.googleapis.com/v1/projects/" + PROJECT_ID + "/accounts:delete",
                "{\"localId\":\"" + uid + "\"}", true);
    }

    private static void update(String body) {
        call("POST", "/identitytoolkit.googleapis.com/v1/projects/" + PROJECT_ID + "/accounts:update", body, true);
    }

    /** Removes every emulator account (no-op with local keys). */
    public static void resetEmulator() {
        if (EMULATOR) {
            call("DELETE", "/emulator/v1/projects/" + PROJECT_ID + "/accounts", null, true);
        }
    }

    /** Emulator custom-token sign-in: creates the account on first use, like the Admin SDK's unsigned custom tokens. */
    private static String emulatorSignIn(String uid) {
        long now = Instant.now().getEpochSecond();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("aud", "https://identitytoolkit.googleapis.com/google.identity.identitytoolkit.v1.IdentityToolkit");
        claims.put("iat", now);
        claims.put("exp", now + 3600);
        claims.put("iss", "firebase-auth-emulator@example.com");
        claims.put("sub", "firebase-auth-emulator@example.com");
        claims.put("uid", uid);
        JsonNode response = call("POST", "/identitytoolkit.googleapis.com/v1/accounts:signInWithCustomToken?key=test",
                "{\"token\":\"" + unsigned(claims) + "\",\"returnSecureToken\":true}", false);
        return response.get("idToken").asText();
    }

    private static String unsigned(Map<String, Object> claims) {
        try {
            Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
            return encoder.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
                    + encoder.encodeToString(JSON.writeValueAsBytes(claims)) + ".";
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Sends once more when the connection was closed under the request: the emulator (Node) closes
     * idle keep-alive connections after 5 s, and a request the client writes on such a connection
     * at that moment gets no bytes back; the emulator closed it without reading the request.
     */
    private static HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        try {
            return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException closedUnderUs) {
            return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
        }
    }

    private static JsonNode call(String method, String path, String body, boolean owner) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://" + EMULATOR_HOST + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (owner) {
            request.header("Authorization", "Bearer owner");
        }
        try {
            HttpResponse<String> response = send(request.build());
            if (response.statusCode() >= 300) {
                throw new IllegalStateException("Emulator " + path + " answered " + response.statusCode() + ": "
                        + response.body());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("Firebase Auth emulator at " + EMULATOR_HOST + " unreachable", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
