package org.fractionball.lms.infrastructure.config;

import org.fractionball.lms.command.config.SystemSettings;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Puts {@link MaintenanceModeInterceptor} on the API, after the throttle, except where it must not apply. */
@Configuration(proxyBeanMethods = false)
public class MaintenanceModeConfiguration {
    /** The configuration endpoints (to switch it off again) and every sign-in path. */
    static final String[] EXEMPT = {"/api/config/**", "/api/dev/sign-in/", "/api/auth/**", "/api/**/sign-in/**",
            "/api/**/signin/**", "/api/**/login/**"};

    @Bean
    WebMvcConfigurer maintenanceModeWebMvc(SystemSettings settings) {
        return new WebMvcConfigurer() {
            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                registry.addInterceptor(new MaintenanceModeInterceptor(settings)).addPathPatterns("/api/**")
                        .excludePathPatterns(EXEMPT).order(Ordered.HIGHEST_PRECEDENCE + 1);
            }
        };
    }
}
