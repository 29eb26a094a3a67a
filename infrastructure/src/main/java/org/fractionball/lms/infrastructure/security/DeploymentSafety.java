package org.fractionball.lms.infrastructure.security;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.stereotype.Component;

/**
 * Refuses to start with a configuration that would be unsafe in production: the development
 * sign-in together with {@code DEBUG=false} or a production profile.
 */
@Component
public class DeploymentSafety {
    private final boolean devSignIn;

    public DeploymentSafety(Environment environment, @Value("${lms.dev-sign-in.enabled:false}") boolean devSignIn,
                            @Value("${lms.debug:true}") boolean debug) {
        boolean production = environment.acceptsProfiles(Profiles.of("prod", "production", "staging"));
        if (devSignIn && (!debug || production)) {
            throw new IllegalStateException("Refusing to start: the development sign-in (lms.dev-sign-in.enabled) "
                    + "is on while " + (production ? "a production profile is active" : "DEBUG=false")
                    + ". It lets anyone sign in as any user; turn it off (run without the dev profile).");
        }
        this.devSignIn = devSignIn;
    }

    public boolean devSignInEnabled() {
        return devSignIn;
    }
}
