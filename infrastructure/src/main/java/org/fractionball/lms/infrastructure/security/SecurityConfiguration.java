package org.fractionball.lms.infrastructure.security;

import org.fractionball.lms.infrastructure.security.hardening.CorsPolicy;
import org.fractionball.lms.infrastructure.security.hardening.RequestFirewall;
import org.fractionball.lms.infrastructure.security.hardening.SecurityHeaders;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.web.PathPatternRequestMatcherBuilderFactoryBean;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;

/**
 * Who may call what (contract §7.1), decided before a request reaches a controller so a caller
 * without the role gets 401/403 before any 405, plus the security headers of contract §0.8 and
 * D27 ({@link SecurityHeaders}) and CORS ({@link CorsPolicy}). Host validation and the HTTPS
 * redirect run earlier, in {@code HostAndTransportFilter}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
public class SecurityConfiguration {
    static final String NOT_PROVIDED = "Authentication credentials were not provided.";
    static final String FORBIDDEN = "You do not have permission to perform this action.";

    @Bean
    public SecurityFilterChain api(HttpSecurity http, BearerTokenFilter bearerTokenFilter,
                                   SecurityHeaders securityHeaders, CorsPolicy cors) throws Exception {
        http.csrf(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                // CORS_ALLOWED_ORIGINS; the filter takes the CORS filter's place in the chain, before
                // authentication, so preflights are answered without credentials
                .cors(AbstractHttpConfigurer::disable)
                .addFilter(cors.filter())
                // the bean of IdentityConfiguration (not registered as a servlet filter of its own)
                .addFilterBefore(bearerTokenFilter, AnonymousAuthenticationFilter.class)
                .exceptionHandling(e -> e
                        .authenticationEntryPoint((request, response, denied) ->
                                BearerTokenFilter.unauthorized(response, NOT_PROVIDED))
                        .accessDeniedHandler((request, response, denied) ->
                                org.fractionball.lms.infrastructure.web.JsonErrors.detail(response, 403, FORBIDDEN)))
                // X-Content-Type-Options, X-Frame-Options, Referrer-Policy, Cross-Origin-Opener-Policy,
                // HSTS (SECURE_HSTS_SECONDS, secure requests only) and the CSP by path all come from
                // SecurityHeaders, which also writes them on HostAndTransportFilter's own answers;
                // Spring's defaults for the frame options and HSTS are off so they cannot disagree
                .headers(h -> h
                        .frameOptions(HeadersConfigurer.FrameOptionsConfig::disable)
                        .httpStrictTransportSecurity(HeadersConfigurer.HstsConfig::disable)
                        .addHeaderWriter(securityHeaders))
                .authorizeHttpRequests(ApiAccessRules::apply);
        return http.build();
    }

    /**
     * The access rules' paths as {@code PathPattern}s (Spring Security 7's default) instead of
     * MVC matchers, which asked Spring MVC's handler mappings on every rule of every request: 14 %
     * of a library request's CPU under load.
     */
    @Bean
    public static PathPatternRequestMatcherBuilderFactoryBean accessRulePaths() {
        return new PathPatternRequestMatcherBuilderFactoryBean();
    }

    /** The strict firewall, with a fast check of header and parameter characters ({@link RequestFirewall}). */
    @Bean
    public WebSecurityCustomizer requestFirewall() {
        return web -> web.httpFirewall(RequestFirewall.strict());
    }

    /**
     * No observation per security filter, authentication and authorization: they were 16 % of a
     * library request's CPU under load and feed nothing (requests are timed by
     * {@code http.server.requests}, failed sign-ins by the audit log).
     */
    @Bean
    public SecurityObservationSettings securityObservations() {
        return SecurityObservationSettings.noObservations();
    }
}
