package org.fractionball.lms.infrastructure.security;

import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;

/**
 * Who may call which path (contract §7.1 plus the AUDITOR role), checked before a request
 * reaches a controller. Object-level rules (own school, own content) are the endpoints' own.
 */
final class ApiAccessRules {
    static final String[] ANONYMOUS = {"/api/healthz/", "/api/readyz/", "/api/schema/**", "/api/docs/**", "/api/redoc/**",
            "/api/dev/sign-in/"};

    private ApiAccessRules() {
    }

    static void apply(AuthorizeHttpRequestsConfigurer<?>.AuthorizationManagerRequestMatcherRegistry rules) {
        rules.requestMatchers(ANONYMOUS).permitAll()
                .requestMatchers(HttpMethod.GET, "/api/shared/*/").permitAll()
                .requestMatchers(HttpMethod.GET, "/api/public-config/", "/api/config/public/").permitAll()
                // the configuration root only lists links (§0.1: any authenticated user); the rest is ADMIN's
                .requestMatchers(HttpMethod.GET, "/api/config/").hasAnyRole("ADMIN", "SCHOOL_ADMIN", "TEACHER")
                .requestMatchers("/api/config/**").hasRole("ADMIN")
                .requestMatchers("/api/schools/*/users/").hasAnyRole("ADMIN", "SCHOOL_ADMIN")
                .requestMatchers("/api/schools/**", "/api/admin/**", "/api/ops/**").hasRole("ADMIN")
                .requestMatchers("/api/users/**").hasAnyRole("ADMIN", "SCHOOL_ADMIN")
                .requestMatchers("/api/me/").authenticated()
                // owners of any role submit and return their own content (D14); the rest of approval is SA+
                .requestMatchers("/api/approval/my-content-status/", "/api/approval/*/*/submit_for_review/",
                        "/api/approval/*/*/return_to_draft/").hasAnyRole("ADMIN", "SCHOOL_ADMIN", "TEACHER")
                .requestMatchers("/api/approval/**").hasAnyRole("ADMIN", "SCHOOL_ADMIN")
                .requestMatchers("/api/bulk/jobs/school/").hasAnyRole("ADMIN", "SCHOOL_ADMIN")
                // auditors read library listings as of a moment (the endpoints require as_of from them)
                .requestMatchers(HttpMethod.GET, "/api/library/videos/", "/api/library/resources/")
                .hasAnyRole("ADMIN", "SCHOOL_ADMIN", "TEACHER", "AUDITOR")
                // school admins are narrowed to their own school by the audit endpoints themselves
                .requestMatchers("/api/audit/**").hasAnyRole("ADMIN", "AUDITOR", "SCHOOL_ADMIN")
                // course writes and enrolling others are SA+; reading, enrolling oneself, progress and
                // withdrawal are every role's (the endpoints check whose course or enrolment it is)
                .requestMatchers(HttpMethod.POST, "/api/courses/", "/api/courses/*/publish/",
                        "/api/courses/*/archive/", "/api/enrolments/").hasAnyRole("ADMIN", "SCHOOL_ADMIN")
                .requestMatchers(HttpMethod.PUT, "/api/courses/*/").hasAnyRole("ADMIN", "SCHOOL_ADMIN")
                .requestMatchers(HttpMethod.PATCH, "/api/courses/*/").hasAnyRole("ADMIN", "SCHOOL_ADMIN")
                .requestMatchers(HttpMethod.DELETE, "/api/courses/*/").hasAnyRole("ADMIN", "SCHOOL_ADMIN")
                .requestMatchers("/api/reports/**").hasAnyRole("ADMIN", "SCHOOL_ADMIN")
                .requestMatchers("/api/**").hasAnyRole("ADMIN", "SCHOOL_ADMIN", "TEACHER")
                .anyRequest().permitAll();
    }
}
