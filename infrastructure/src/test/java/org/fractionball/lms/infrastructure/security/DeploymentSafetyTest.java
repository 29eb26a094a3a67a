package org.fractionball.lms.infrastructure.security;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeploymentSafetyTest {
    private static final String GOOD_KEY = "k3Jx9vQ2mP7wZr4tLb8nYc6dHf1sGa5e";

    /** As application.yml resolves it: the development key unless SECRET_KEY is set. */
    private static MockEnvironment environment(String... profiles) {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("lms.secret-key", DeploymentSafety.DEVELOPMENT_SECRET_KEY)
                .withProperty("lms.debug", "false")
                .withProperty("lms.dev-sign-in.enabled", "false");
        environment.setActiveProfiles(profiles);
        return environment;
    }

    private static MockEnvironment production() {
        return environment("prod").withProperty("lms.secret-key", GOOD_KEY)
                .withProperty("ALLOWED_HOSTS", "api.fractionball.org");
    }

    @Test
    void the_dev_profile_with_no_environment_starts() {
        MockEnvironment dev = environment("dev").withProperty("lms.debug", "true")
                .withProperty("lms.dev-sign-in.enabled", "true");
        DeploymentSafety safety = new DeploymentSafety(dev);
        assertThat(safety.devSignInEnabled()).isTrue();
        assertThatCode(() -> new DeploymentSafety(dev.withProperty("ALLOWED_HOSTS", "*"))).doesNotThrowAnyException();
    }

    @Test
    void the_test_suites_profile_starts_with_the_development_key() {
        assertThatCode(() -> new DeploymentSafety(environment("test"))).doesNotThrowAnyException();
    }

    @Test
    void a_correctly_configured_production_starts() {
        assertThatCode(() -> new DeploymentSafety(production())).doesNotThrowAnyException();
        assertThatCode(() -> new DeploymentSafety(production().withProperty("lms.debug", "true")))
                .doesNotThrowAnyException();
        assertThatCode(() -> new DeploymentSafety(environment().withProperty("lms.secret-key", GOOD_KEY)))
                .as("DEBUG=false, no profile").doesNotThrowAnyException();
    }

    @Test
    void the_development_key_is_refused_in_every_production_profile_and_with_debug_off() {
        for (String profile : new String[]{"prod", "production", "staging"}) {
            assertThatThrownBy(() -> new DeploymentSafety(production()
                    .withProperty("lms.secret-key", DeploymentSafety.DEVELOPMENT_SECRET_KEY)))
                    .isInstanceOf(IllegalStateException.class);
            MockEnvironment environment = environment(profile).withProperty("lms.debug", "true");
            assertThatThrownBy(() -> new DeploymentSafety(environment)).as(profile)
                    .hasMessageStartingWith("Refusing to start: unsafe configuration while a production profile is active")
                    .hasMessageContaining("SECRET_KEY is the development default")
                    .hasMessageContaining("openssl rand");
        }
        assertThatThrownBy(() -> new DeploymentSafety(environment()))
                .hasMessageContaining("while DEBUG=false").hasMessageContaining("SECRET_KEY is the development default");
        assertThatThrownBy(() -> new DeploymentSafety(environment("test", "prod")))
                .as("the test profile does not shield a production profile")
                .hasMessageContaining("SECRET_KEY is the development default");
    }

    @Test
    void blank_short_and_repetitive_keys_are_refused_and_never_shown() {
        assertThatThrownBy(() -> new DeploymentSafety(production().withProperty("lms.secret-key", " ")))
                .hasMessageContaining("SECRET_KEY is not set");
        assertThatThrownBy(() -> new DeploymentSafety(production().withProperty("lms.secret-key", "short-but-secret")))
                .hasMessageContaining("SECRET_KEY is shorter than 32 characters")
                .message().doesNotContain("short-but-secret");
        assertThatThrownBy(() -> new DeploymentSafety(production().withProperty("lms.secret-key", "ab".repeat(20))))
                .hasMessageContaining("fewer than 5 distinct characters");
        assertThatThrownBy(() -> new DeploymentSafety(production()
                .withProperty("lms.secret-key", "django-insecure-" + GOOD_KEY)))
                .hasMessageContaining("development default");
        MockEnvironment noKeyProperty = new MockEnvironment().withProperty("lms.debug", "false");
        assertThatThrownBy(() -> new DeploymentSafety(noKeyProperty)).hasMessageContaining("SECRET_KEY is not set");
    }

    @Test
    void a_wildcard_in_allowed_hosts_is_refused_and_all_problems_are_listed_at_once() {
        assertThatThrownBy(() -> new DeploymentSafety(production().withProperty("ALLOWED_HOSTS", "api.example.com, *")))
                .hasMessageContaining("ALLOWED_HOSTS contains '*'");
        assertThatThrownBy(() -> new DeploymentSafety(environment("staging").withProperty("ALLOWED_HOSTS", "*")))
                .hasMessageContaining("SECRET_KEY is the development default")
                .hasMessageContaining("ALLOWED_HOSTS contains '*'");
    }

    @Test
    void the_development_sign_in_is_still_refused_outside_development() {
        assertThatThrownBy(() -> new DeploymentSafety(production().withProperty("lms.dev-sign-in.enabled", "true")))
                .hasMessageContaining("development sign-in").hasMessageContaining("a production profile is active");
        assertThatThrownBy(() -> new DeploymentSafety(environment("dev").withProperty("lms.dev-sign-in.enabled", "true")))
                .hasMessageContaining("development sign-in").hasMessageContaining("DEBUG=false");
    }
}
