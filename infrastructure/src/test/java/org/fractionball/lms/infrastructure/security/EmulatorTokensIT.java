package org.fractionball.lms.infrastructure.security;

import org.fractionball.lms.events.shared.Role;
import org.fractionball.lms.infrastructure.support.Api;
import org.fractionball.lms.infrastructure.support.IntegrationTest;
import org.fractionball.lms.infrastructure.support.TestFirebase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Firebase account life cycle against the Auth emulator: sign-up, custom claims, revoked,
 * disabled and deleted accounts. Needs the emulator (.ci/run starts it); without it these cases
 * are reported as skipped with the reason, and production-mode verification is covered by
 * {@code ProductionTokenVerificationIT}.
 */
class EmulatorTokensIT extends IntegrationTest {
    private long school;

    @BeforeEach
    void emulator() {
        assumeTrue(TestFirebase.EMULATOR, "needs the Firebase Auth emulator (FIREBASE_AUTH_EMULATOR_HOST)");
        school = school(unique("emu") + ".edu");
    }

    @Test
    void a_signed_up_account_works_once_an_admin_provisions_it() {
        String email = unique("signup") + "@example.edu";
        TestFirebase.SignedUp account = TestFirebase.signUp(email, "s3cret-pass");

        Api.Response before = api().get("/api/me/").token(account.idToken()).send();
        assertThat(before.status()).isEqualTo(401);
        assertThat(before.json().get("detail").asText())
                .isEqualTo("User not found. Please contact your administrator to create your account.");

        provision(account.uid());
        Api.Response after = api().get("/api/me/").token(TestFirebase.signIn(email, "s3cret-pass")).send();
        assertThat(after.status()).isEqualTo(200);
        assertThat(after.json().get("role").asText()).isEqualTo("TEACHER");
    }

    @Test
    void custom_claims_grant_nothing_the_lms_role_does_not() {
        String email = unique("claims") + "@example.edu";
        TestFirebase.SignedUp account = TestFirebase.signUp(email, "s3cret-pass");
        provision(account.uid());
        TestFirebase.setCustomClaims(account.uid(), "{\"role\": \"ADMIN\", \"admin\": true}");
        String withClaims = TestFirebase.signIn(email, "s3cret-pass");

        assertThat(api().get("/api/me/").token(withClaims).send().json().get("role").asText()).isEqualTo("TEACHER");
        assertThat(api().get("/api/schools/").token(withClaims).send().status()).isEqualTo(403);
    }

    @Test
    void a_revoked_token_is_refused() throws Exception {
        String email = unique("revoked") + "@example.edu";
        TestFirebase.SignedUp account = TestFirebase.signUp(email, "s3cret-pass");
        provision(account.uid());
        String token = TestFirebase.signIn(email, "s3cret-pass");
        Thread.sleep(1100);
        TestFirebase.revokeTokens(account.uid());

        assertRefused(token, "Firebase token has been revoked");
        Thread.sleep(1100);
        assertThat(api().get("/api/me/").token(TestFirebase.signIn(email, "s3cret-pass")).send().status())
                .isEqualTo(200);
    }

    @Test
    void a_disabled_account_is_refused() {
        String email = unique("disabled") + "@example.edu";
        TestFirebase.SignedUp account = TestFirebase.signUp(email, "s3cret-pass");
        provision(account.uid());
        String token = TestFirebase.signIn(email, "s3cret-pass");
        TestFirebase.disable(account.uid());

        assertRefused(token, "Firebase account is disabled");
    }

    @Test
    void a_deleted_account_is_refused() {
        String email = unique("deleted") + "@example.edu";
        TestFirebase.SignedUp account = TestFirebase.signUp(email, "s3cret-pass");
        provision(account.uid());
        String token = TestFirebase.signIn(email, "s3cret-pass");
        TestFirebase.delete(account.uid());

        assertRefused(token, "Invalid Firebase token");
    }

    private void provision(String uid) {
        org.fractionball.lms.infrastructure.web.RequestContext.runAs("system:test",
                () -> provisioner.ensureUser(uid, uid, uid + "@lms.example.edu", "Emu", "User", Role.TEACHER, school));
        awaitProjections();
    }

    private void assertRefused(String token, String detail) {
        Api.Response refused = api().get("/api/me/").token(token).send();
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.json().get("detail").asText()).isEqualTo(detail);
        assertThat(refused.header("WWW-Authenticate")).isEqualTo("Bearer");
    }
}
