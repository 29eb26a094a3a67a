package org.fractionball.lms.infrastructure.security;

import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.firebase.FirebaseApp;
import com.google.firebase.FirebaseOptions;
import com.google.firebase.auth.FirebaseAuth;
import com.google.firebase.auth.FirebaseAuthException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jwt.JWTClaimsSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@link FirebaseIdentityVerifier} in production mode: the Admin SDK checks real RS256 signatures,
 * against certificates served by {@link LocalFirebaseKeys} instead of Google. Runs in failsafe's
 * {@code production-tokens} execution, whose fork never sees {@code FIREBASE_AUTH_EMULATOR_HOST}
 * (with it the SDK skips the signature, {@code kid} and algorithm checks).
 */
class ProductionTokenVerificationIT {
    private static final String PROJECT_ID = "demo-production-test";
    private static final String UID = "alice-uid";
    private static final String EMAIL = "alice@example.org";

    private static LocalFirebaseKeys keys;
    private static FirebaseApp app;
    private static FirebaseIdentityVerifier verifier;

    @BeforeAll
    static void productionModeFirebase() {
        // `-Dit.test=...` also selects this class in the default failsafe execution, whose fork may
        // carry the emulator variable; there the SDK cannot verify in production mode.
        assumeTrue(System.getenv("FIREBASE_AUTH_EMULATOR_HOST") == null,
                "FIREBASE_AUTH_EMULATOR_HOST is set: the SDK would skip signature checks; "
                        + "this class runs in failsafe's production-tokens execution");
        keys = new LocalFirebaseKeys();
        FirebaseOptions options = FirebaseOptions.builder()
                .setCredentials(GoogleCredentials.create(new AccessToken("test", null)))
                .setProjectId(PROJECT_ID)
                .setHttpTransport(keys.certificateTransport())
                .build();
        app = FirebaseApp.initializeApp(options, "production-tokens-" + UUID.randomUUID());
        // checkRevoked=false: revocation checks call Google's servers
        verifier = new FirebaseIdentityVerifier(FirebaseAuth.getInstance(app), false);
    }

    @AfterAll
    static void deleteApp() {
        if (app != null) {
            app.delete();
        }
    }

    @Test
    void validTokenIsVerified() {
        Instant exp = Instant.now().plus(Duration.ofMinutes(30)).truncatedTo(ChronoUnit.SECONDS);
        String token = keys.mint(PROJECT_ID, UID, Map.of("email", EMAIL, "exp", Date.from(exp)));

        VerifiedIdentity identity = verifier.verify(token);

        assertThat(identity).isEqualTo(new VerifiedIdentity(UID, EMAIL, exp));
        // fetched from the local transport only, and cached by the SDK (max-age 3600)
        assertThat(verifier.verify(token)).isEqualTo(identity);
        assertThat(keys.certificateRequests()).isEqualTo(1);
        assertThat(keys.unexpectedRequests()).isEmpty();
    }

    @Test
    void tokenWithoutEmailHasNullEmail() {
        Instant exp = Instant.now().plus(Duration.ofMinutes(10)).truncatedTo(ChronoUnit.SECONDS);
        String token = keys.mint(PROJECT_ID, "bob-uid", Map.of("exp", Date.from(exp)));

        assertThat(verifier.verify(token)).isEqualTo(new VerifiedIdentity("bob-uid", null, exp));
    }

    @Test
    void tamperedPayloadIsInvalid() {
        String token = keys.mint(PROJECT_ID, UID, Map.of("email", EMAIL));
        String[] parts = token.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        String forgedPayload = payload.replace("\"sub\":\"" + UID + "\"", "\"sub\":\"mallory-uid\"");
        assertThat(forgedPayload).isNotEqualTo(payload).contains("\"sub\":\"mallory-uid\"");
        String forged = parts[0] + "."
                + Base64.getUrlEncoder().withoutPadding().encodeToString(forgedPayload.getBytes(StandardCharsets.UTF_8))
                + "." + parts[2];

        assertRejected(forged, TokenRejected.INVALID, "Failed to verify the signature");
        // the untouched token still passes: the signature, not the key set, refused the forgery
        assertThat(verifier.verify(token).uid()).isEqualTo(UID);
    }

    @Test
    void tokenSignedWithAnotherKeyUnderTheSameKidIsInvalid() {
        String token = keys.mint(keys.claims(PROJECT_ID, UID, Map.of()), keys.header(),
                LocalFirebaseKeys.generateRsaKeyPair().getPrivate());

        assertRejected(token, TokenRejected.INVALID, "Failed to verify the signature");
    }

    @Test
    void tokenWithoutKidIsInvalid() {
        JWSHeader noKid = new JWSHeader.Builder(JWSAlgorithm.RS256).type(keys.header().getType()).build();
        String token = keys.mint(keys.claims(PROJECT_ID, UID, Map.of()), noKid, keys.privateKey());

        assertRejected(token, TokenRejected.INVALID, "has no \"kid\" claim");
    }

    @Test
    void unsignedAlgNoneTokenIsInvalid() {
        String token = keys.unsigned(keys.claims(PROJECT_ID, UID, Map.of("email", EMAIL)));
        assertThat(token).endsWith(".");

        assertRejected(token, TokenRejected.INVALID, "Expected \"RS256\" but got \"none\"");
    }

    @Test
    void expiredTokenIsExpired() {
        Instant now = Instant.now();
        String token = keys.mint(PROJECT_ID, UID, Map.of(
                "iat", Date.from(now.minus(Duration.ofHours(2))),
                "auth_time", now.minus(Duration.ofHours(2)).getEpochSecond(),
                "exp", Date.from(now.minus(Duration.ofHours(1)))));

        assertRejected(token, TokenRejected.EXPIRED, "has expired");
    }

    @Test
    void tokenIssuedInTheFutureIsInvalid() {
        Instant now = Instant.now();
        String token = keys.mint(PROJECT_ID, UID, Map.of(
                "iat", Date.from(now.plus(Duration.ofHours(1))),
                "exp", Date.from(now.plus(Duration.ofHours(2)))));

        assertRejected(token, TokenRejected.INVALID, "is not yet valid");
    }

    @Test
    void tokenForAnotherProjectIsInvalid() {
        String token = keys.mint(PROJECT_ID, UID, Map.of("aud", "demo-other-project"));

        assertRejected(token, TokenRejected.INVALID,
                "incorrect \"aud\" (audience) claim. Expected \"" + PROJECT_ID + "\" but got \"demo-other-project\"");
    }

    @Test
    void tokenFromAnotherIssuerIsInvalid() {
        String token = keys.mint(PROJECT_ID, UID, Map.of("iss", "https://securetoken.google.com/demo-other-project"));

        assertRejected(token, TokenRejected.INVALID, "incorrect \"iss\" (issuer) claim");
    }

    @Test
    void garbageIsInvalid() {
        assertRejected("not-a-jwt", TokenRejected.INVALID, "Failed to parse Firebase ID token");
        assertRejected("a.b.c", TokenRejected.INVALID, "Failed to parse Firebase ID token");
    }

    @Test
    void cachingVerifierCallsFirebaseOncePerValidToken() {
        AtomicInteger firebaseCalls = new AtomicInteger();
        IdentityVerifier counting = token -> {
            firebaseCalls.incrementAndGet();
            return verifier.verify(token);
        };
        CachingIdentityVerifier caching = new CachingIdentityVerifier(counting, null, 100);
        Instant exp = Instant.now().plus(Duration.ofMinutes(20)).truncatedTo(ChronoUnit.SECONDS);
        String token = keys.mint(PROJECT_ID, UID, Map.of("email", EMAIL, "exp", Date.from(exp)));

        VerifiedIdentity first = caching.verify(token);
        VerifiedIdentity second = caching.verify(token);

        assertThat(first).isEqualTo(new VerifiedIdentity(UID, EMAIL, exp));
        assertThat(second).isSameAs(first);
        assertThat(firebaseCalls).hasValue(1);

        // rejections are not cached: each attempt goes back to Firebase
        String forged = keys.mint(keys.claims(PROJECT_ID, UID, Map.of()), keys.header(),
                LocalFirebaseKeys.generateRsaKeyPair().getPrivate());
        assertThat(catchThrowableOfType(TokenRejected.class, () -> caching.verify(forged)).detail())
                .isEqualTo(TokenRejected.INVALID);
        assertThat(catchThrowableOfType(TokenRejected.class, () -> caching.verify(forged)).detail())
                .isEqualTo(TokenRejected.INVALID);
        assertThat(firebaseCalls).hasValue(3);
    }

    /** Refused with {@code detail} (the 401 message), for the reason the SDK names in {@code sdkReason}. */
    private static void assertRejected(String token, String detail, String sdkReason) {
        TokenRejected rejected = catchThrowableOfType(TokenRejected.class, () -> verifier.verify(token));
        assertThat(rejected).as("verification of %s", token).isNotNull();
        assertThat(rejected.detail()).isEqualTo(detail);
        assertThat(rejected).hasMessage(detail)
                .cause().isInstanceOf(FirebaseAuthException.class).hasMessageContaining(sdkReason);
    }
}
