package org.fractionball.lms.infrastructure.security;

import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;

/**
 * Who may call which path (contract §7.1 plus the AUDITOR role), checked before a request
 * reaches a controller. Object-level rules (own school, own content) are the endpoints' own.
 */
final class ApiAccessRules {
    static final String[] ANONYMOUS = {"/api/healthz/", "/api/schema/**", "/api/docs/**", "/api/redoc/**",
            "/api/dev/sign-in/"};

    private ApiAccessRules() {
    }

    static void apply(AuthorizeHttpRequestsConfigurer<?>.AuthorizationManagerRequestMatcherRegistry rules) {
        rules.requestMatchers(ANONYMOUS).permitAll()
                .requestMatchers(HttpMethod.GET, "/api/shared/*/").permitAll()
                .requestMatchers("/api/schools/*/users/").hasAnyRole("ADMIN", "SCHOOL_ADMIN")
                .requestMatchers("/api/schools/**", "/api/admin/**").hasRole("ADMIN")
                .requestMatchers("/api/users/**").hasAnyRole("ADMIN", "SCHOOL_ADMIN")
                .requestMatchers("/api/me/").authenticated()
                // owners of any role submit and return their own content (D14); the rest of approval is SA+
                .requestMatchers("/api/approval/my-content-status/", "/api/approval/*/*/submit_for_review/",
                        "/api/approval/*/*/return_to_draft/").hasAnyRole("ADMIN", "SCHOOL_ADMIN", "TEACHER")
                .requestMatchers("/api/approval/**").hasAnyRole("ADMIN", "SCHOOL_ADMIN")
                .requestMatchers("/api/reports/**").hasAnyRole("ADMIN", "SCHOOL_ADMIN")
                .requestMatchers("/api/**").hasAnyRole("ADMIN", "SCHOOL_ADMIN", "TEACHER")
                .anyRequest().permitAll();
    }
}
