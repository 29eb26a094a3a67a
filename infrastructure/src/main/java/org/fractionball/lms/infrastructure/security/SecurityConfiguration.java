package org.fractionball.lms.infrastructure.security;

import org.axonframework.queryhandling.QueryGateway;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.header.writers.CrossOriginOpenerPolicyHeaderWriter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

/**
 * Who may call what (contract §7.1), decided before a request reaches a controller so a caller
 * without the role gets 401/403 before any 405, plus the security headers of contract §0.8.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
public class SecurityConfiguration {
    static final String NOT_PROVIDED = "Authentication credentials were not provided.";
    static final String FORBIDDEN = "You do not have permission to perform this action.";

    @Bean
    public SecurityFilterChain api(HttpSecurity http, IdentityVerifier verifier, QueryGateway queries)
            throws Exception {
        http.csrf(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .addFilterBefore(new BearerTokenFilter(verifier, queries), AnonymousAuthenticationFilter.class)
                .exceptionHandling(e -> e
                        .authenticationEntryPoint((request, response, denied) ->
                                BearerTokenFilter.unauthorized(response, NOT_PROVIDED))
                        .accessDeniedHandler((request, response, denied) ->
                                org.fractionball.lms.infrastructure.web.JsonErrors.detail(response, 403, FORBIDDEN)))
                .headers(h -> h
                        .frameOptions(f -> f.deny())
                        .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN))
                        .crossOriginOpenerPolicy(c -> c.policy(
                                CrossOriginOpenerPolicyHeaderWriter.CrossOriginOpenerPolicy.SAME_ORIGIN))
                        .httpStrictTransportSecurity(hsts -> hsts.includeSubDomains(true).preload(true)
                                .maxAgeInSeconds(31536000))
                        .contentSecurityPolicy(csp -> csp.policyDirectives(
                                "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
                                        + "object-src 'none'; frame-ancestors 'none'; base-uri 'self'")))
                .authorizeHttpRequests(a -> a
                        .requestMatchers("/api/healthz/", "/api/schema/**", "/api/docs/**", "/api/redoc/**",
                                "/api/dev/sign-in/").permitAll()
                        .requestMatchers("/api/schools/**", "/api/admin/**").hasRole("ADMIN")
                        .requestMatchers("/api/**").authenticated()
                        .anyRequest().permitAll());
        return http.build();
    }
}
