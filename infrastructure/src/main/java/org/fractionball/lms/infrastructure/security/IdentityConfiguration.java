package org.fractionball.lms.infrastructure.security;

import com.google.api.client.http.HttpTransport;
import com.google.firebase.auth.FirebaseAuth;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.io.IOException;

/** Which tokens this node accepts: Firebase (emulator or production) and, in development, its own sign-in. */
@Configuration(proxyBeanMethods = false)
public class IdentityConfiguration {

    @Bean
    public FirebaseApps firebaseApps(@Value("${FIREBASE_AUTH_EMULATOR_HOST:}") String emulatorHost,
                                     @Value("${lms.firebase.project-id:}") String projectId,
                                     @Value("${lms.firebase.credentials-path:}") String credentialsPath,
                                     @Value("${lms.firebase.storage-bucket:}") String storageBucket,
                                     ObjectProvider<HttpTransport> transport) throws IOException {
        return new FirebaseApps(emulatorHost, projectId, credentialsPath, storageBucket, transport.getIfAvailable());
    }

    @Bean
    public DevelopmentSignIn developmentSignIn(DeploymentSafety safety, @Value("${lms.secret-key}") String secretKey) {
        return new DevelopmentSignIn(safety.devSignInEnabled() ? new DevelopmentTokens(secretKey) : null);
    }

    /** Built here and placed in the security filter chain; never registered as a servlet filter of its own. */
    @Bean
    public BearerTokenFilter bearerTokenFilter(IdentityVerifier verifier, CachedUsers users, SignIns signIns,
                                               FailedLogins failedLogins) {
        return new BearerTokenFilter(verifier, users, signIns, failedLogins);
    }

    @Bean
    public FilterRegistrationBean<BearerTokenFilter> bearerTokenFilterRegistration(BearerTokenFilter filter) {
        FilterRegistrationBean<BearerTokenFilter> registration = new FilterRegistrationBean<>(filter);
        registration.setEnabled(false);
        return registration;
    }

    @Bean
    public IdentityVerifier identityVerifier(FirebaseApps firebase, DevelopmentSignIn devSignIn,
                                             @Value("${lms.firebase.check-revoked:true}") boolean checkRevoked,
                                             @Value("${lms.auth.token-cache-size:100000}") long cacheSize) {
        IdentityVerifier firebaseVerifier = firebase.app()
                .map(app -> (IdentityVerifier) new FirebaseIdentityVerifier(FirebaseAuth.getInstance(app), checkRevoked))
                .orElse(null);
        return new CachingIdentityVerifier(firebaseVerifier, devSignIn.tokens(), cacheSize);
    }
}
