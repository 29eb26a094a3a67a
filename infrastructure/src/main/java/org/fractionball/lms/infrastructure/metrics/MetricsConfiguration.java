package org.fractionball.lms.infrastructure.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.config.Configurer;
import org.axonframework.micrometer.GlobalMetricRegistry;
import org.axonframework.micrometer.MetricsConfigurerModule;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Registers the request-outcome counters, the daily-active-users gauge, and Axon's dimensional
 * Micrometer monitors with event processors measuring live events only.
 */
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

    /**
     * Replaces axon-micrometer's module (auto-configured only when no other is defined): the same
     * dimensional meters for every component, an event processor's wrapped in {@link LiveEventsOnlyMonitor}.
     */
    @Bean
    MetricsConfigurerModule metricsConfigurerModule(GlobalMetricRegistry registry) {
        return new MetricsConfigurerModule(registry, true) {
            @Override
            public void configureModule(Configurer configurer) {
                configurer.configureMessageMonitor(configuration -> (componentType, componentName) ->
                        LiveEventsOnlyMonitor.forComponent(componentType,
                                registry.registerComponentWithDefaultTags(componentType, componentName)));
            }
        };
    }

    @Bean
    SmartInitializingSingleton dailyActiveUsersGauge(MeterRegistry meters, DailyActiveUsers activeUsers) {
        return () -> Gauge.builder("lms.users.active.daily", activeUsers, DailyActiveUsers::today)
                .description("Distinct users with an authenticated request today (UTC)").register(meters);
    }
}
