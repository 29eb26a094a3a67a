package org.fractionball.lms.infrastructure.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Registers the request-outcome counters and the daily-active-users gauge. */
@Configuration(proxyBeanMethods = false)
public class MetricsConfiguration {

    @Bean
    WebMvcConfigurer routeOutcomeMetricsInterceptor(RouteOutcomeMetrics routeOutcomes) {
        return new WebMvcConfigurer() {
            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                registry.addInterceptor(routeOutcomes).addPathPatterns("/api/**");
            }
        };
    }

    @Bean
    SmartInitializingSingleton dailyActiveUsersGauge(MeterRegistry meters, DailyActiveUsers activeUsers) {
        return () -> Gauge.builder("lms.users.active.daily", activeUsers, DailyActiveUsers::today)
                .description("Distinct users with an authenticated request today (UTC)").register(meters);
    }
}
