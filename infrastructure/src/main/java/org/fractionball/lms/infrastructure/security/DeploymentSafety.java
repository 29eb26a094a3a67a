package org.fractionball.lms.infrastructure.security;

import org.fractionball.lms.infrastructure.security.hardening.AllowedHosts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;

/**
 * Refuses to start with a configuration that would be unsafe in production, with a message that
 * says what to change:
 * <ul>
 *   <li>the development sign-in together with {@code DEBUG=false} or a production profile;</li>
 *   <li>in a deployment (a production profile — {@code prod}, {@code production},
 *       {@code staging} — or {@code DEBUG=false} outside the test suite's {@code test} profile):
 *       a blank or development {@code SECRET_KEY}, one shorter than {@value #MIN_SECRET_KEY_LENGTH}
 *       characters or with fewer than 5 distinct characters, and {@code ALLOWED_HOSTS}
 *       containing {@code *}.</li>
 * </ul>
 * The {@code dev} profile (the default: {@code java -jar lms.jar} with no environment) has
 * {@code DEBUG=true} and starts as before. The {@code test} profile is the one the test suite runs
 * under; it has {@code DEBUG=false} (the default outside {@code dev}) and the development key, so it
 * is exempt unless a production profile is active as well.
 */
@Component
public class DeploymentSafety {
    static final String DEVELOPMENT_SECRET_KEY = "insecure-development-secret-key";
    static final int MIN_SECRET_KEY_LENGTH = 32;
    private static final Logger log = LoggerFactory.getLogger(DeploymentSafety.class);

    private final boolean devSignIn;

    public DeploymentSafety(Environment environment) {
        boolean devSignIn = environment.getProperty("lms.dev-sign-in.enabled", Boolean.class, false);
        boolean debug = environment.getProperty("lms.debug", Boolean.class, true);
        boolean production = environment.acceptsProfiles(Profiles.of("prod", "production", "staging"));
        String situation = production ? "a production profile is active" : "DEBUG=false";
        if (devSignIn && (!debug || production)) {
            throw new IllegalStateException("Refusing to start: the development sign-in (lms.dev-sign-in.enabled) "
                    + "is on while " + situation
                    + ". It lets anyone sign in as any user; turn it off (run without the dev profile).");
        }
        boolean testSuite = environment.acceptsProfiles(Profiles.of("test"));
        if (production || (!debug && !testSuite)) {
            List<String> problems = new ArrayList<>();
            String secretKey = environment.getProperty("lms.secret-key", environment.getProperty("SECRET_KEY", ""));
            String keyProblem = secretKeyProblem(secretKey);
            if (keyProblem != null) {
                problems.add("SECRET_KEY " + keyProblem + ". Set SECRET_KEY to a random value of at least "
                        + MIN_SECRET_KEY_LENGTH + " characters, e.g. the output of `openssl rand -base64 48`.");
            }
            String hostsVariable = environment.getProperty(AllowedHosts.VARIABLE);
            AllowedHosts hosts = AllowedHosts.parse(hostsVariable);
            if (hosts.allowsAnyHost()) {
                problems.add("ALLOWED_HOSTS contains '*', which accepts any Host header (host-header "
                        + "poisoning, DNS rebinding). List this service's host names, e.g. "
                        + "ALLOWED_HOSTS=api.example.com or .example.com for a domain and its subdomains.");
            }
            if (!problems.isEmpty()) {
                throw new IllegalStateException("Refusing to start: unsafe configuration while " + situation
                        + ":\n  - " + String.join("\n  - ", problems));
            }
            if (hostsVariable == null || hostsVariable.isBlank()) {
                log.warn("ALLOWED_HOSTS is not set while {}: only {} are accepted as Host, every other request "
                        + "is answered 400. Set ALLOWED_HOSTS to this service's host names.", situation, hosts);
            }
        }
        this.devSignIn = devSignIn;
    }

    /** Why a secret key is unfit for a deployment, or null when it is fine. The key itself is never shown. */
    static String secretKeyProblem(String key) {
        if (key == null || key.isBlank()) {
            return "is not set";
        }
        if (key.equals(DEVELOPMENT_SECRET_KEY) || key.startsWith("django-insecure-")) {
            return "is the development default";
        }
        if (key.length() < MIN_SECRET_KEY_LENGTH) {
            return "is shorter than " + MIN_SECRET_KEY_LENGTH + " characters";
        }
        if (key.chars().distinct().count() < 5) {
            return "has fewer than 5 distinct characters";
        }
        return null;
    }

    public boolean devSignInEnabled() {
        return devSignIn;
    }
}
