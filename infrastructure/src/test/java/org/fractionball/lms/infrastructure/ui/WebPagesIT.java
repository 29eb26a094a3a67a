package org.fractionball.lms.infrastructure.ui;

import com.fasterxml.jackson.databind.JsonNode;
import org.fractionball.lms.events.shared.Role;
import org.fractionball.lms.infrastructure.security.DevelopmentSignIn;
import org.fractionball.lms.infrastructure.security.hardening.ContentSecurityPolicies;
import org.fractionball.lms.infrastructure.support.Api;
import org.fractionball.lms.infrastructure.support.IntegrationTest;
import org.fractionball.lms.infrastructure.support.TestFirebase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The web UI over plain HTTP: page routes, their headers, the public sign-in settings, the player's stream URL. */
class WebPagesIT extends IntegrationTest {

    @Autowired
    private DevelopmentSignIn devSignIn;

    @Test
    void pagesAreServedWithTheirOwnStrictPolicy() {
        String policy = ContentSecurityPolicies.pages(TestFirebase.EMULATOR
                ? List.of("http://" + TestFirebase.EMULATOR_HOST) : List.of());
        for (String[] page : new String[][]{{"/", "<title>Home · Fraction Ball LMS</title>"},
                {"/sign-in/", "<title>Sign in · Fraction Ball LMS</title>"},
                {"/library/", "<title>Library · Fraction Ball LMS</title>"},
                {"/upload/", "<title>Upload · Fraction Ball LMS</title>"},
                {"/content/", "<title>My content & review · Fraction Ball LMS</title>"},
                {"/playlists/", "<title>Playlists · Fraction Ball LMS</title>"},
                {"/shared/0b7f2a1e-7d1c-4a43-9d3e-2f1f6f1c0a11/", "<title>Shared playlist · Fraction Ball LMS</title>"}}) {
            Api.Response response = api().get(page[0]).send();
            assertThat(response.status()).as(page[0]).isEqualTo(200);
            assertThat(response.header("Content-Type")).as(page[0]).isEqualTo("text/html;charset=UTF-8");
            assertThat(response.text()).as(page[0]).contains(page[1]).doesNotContain("<script>").doesNotContain("style=");
            assertThat(response.header("Content-Security-Policy")).as(page[0]).isEqualTo(policy);
            assertThat(response.header("X-Frame-Options")).isEqualTo("DENY");
        }
        assertThat(policy).startsWith("default-src 'none'; script-src 'self'; style-src 'self'; ")
                .doesNotContain("unsafe");
        Api.Response script = api().get("/ui/js/page.js").send();
        assertThat(script.status()).isEqualTo(200);
        assertThat(script.header("Content-Type")).isEqualTo("text/javascript");
        Api.Response bundle = api().get("/ui/vendor/firebase-auth.js").send();
        assertThat(bundle.status()).isEqualTo(200);
        assertThat(bundle.text()).contains("signInWithEmailAndPassword");
        // the API keeps its own policy
        assertThat(api().get("/api/healthz/").send().header("Content-Security-Policy"))
                .isEqualTo(ContentSecurityPolicies.API);
    }

    @Test
    void slashlessPageRoutesRedirectAndUnknownPagesAreJson404() {
        Api.Response redirect = api().get("/library?search=court").send();
        assertThat(redirect.status()).isEqualTo(302);
        assertThat(redirect.header("Location")).endsWith("/library/");
        Api.Response unknown = api().get("/nothing-here/").send();
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().toString()).isEqualTo("{\"detail\":\"Not found.\"}");
    }

    @Test
    void signInSettingsArePublic() {
        Api.Response config = api().get("/ui/config.json").send();
        assertThat(config.status()).isEqualTo(200);
        assertThat(config.header("Cache-Control")).isEqualTo("no-cache");
        assertThat(config.json().get("dev_sign_in").asBoolean()).isEqualTo(devSignIn.enabled());
        JsonNode firebase = config.json().get("firebase");
        if (TestFirebase.EMULATOR) {
            assertThat(firebase.toString()).isEqualTo("{\"api_key\":\"emulator-api-key\",\"auth_domain\":\""
                    + TestFirebase.PROJECT_ID + ".firebaseapp.com\",\"project_id\":\"" + TestFirebase.PROJECT_ID
                    + "\",\"emulator_url\":\"http://" + TestFirebase.EMULATOR_HOST + "\"}");
        } else {
            // local keys: no web API key and no emulator, so there is no e-mail sign-in to offer
            assertThat(firebase.isNull()).isTrue();
        }
    }

    @Test
    void thePlayerAsksForTheStreamUrlAsJson() {
        long school = school(unique("player") + ".edu");
        String teacher = user(Role.TEACHER, school);
        String other = user(Role.TEACHER, school);
        Api.Response created = api().post("/api/videos/", """
                {"title": "Halves on the court", "grade": "3", "topic": "number_line",
                 "storage_uri": "https://videos.example.org/halves.mp4"}""").token(tokenFor(teacher)).send();
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.json().get("id").asText();

        Api.Response json = api().get("/api/videos/" + id + "/stream/?format=json").token(tokenFor(teacher)).send();
        assertThat(json.status()).isEqualTo(200);
        assertThat(json.json().toString()).isEqualTo("{\"url\":\"https://videos.example.org/halves.mp4\",\"expires_in\":null}");
        assertThat(json.header("Cache-Control")).isEqualTo("no-store");
        Api.Response redirect = api().get("/api/videos/" + id + "/stream/").token(tokenFor(teacher)).send();
        assertThat(redirect.status()).isEqualTo(302);
        assertThat(redirect.header("Location")).isEqualTo("https://videos.example.org/halves.mp4");
        // a colleague cannot see a draft, in either form
        Api.Response hidden = api().get("/api/videos/" + id + "/stream/?format=json").token(tokenFor(other)).send();
        assertThat(hidden.status()).isEqualTo(404);
    }
}
