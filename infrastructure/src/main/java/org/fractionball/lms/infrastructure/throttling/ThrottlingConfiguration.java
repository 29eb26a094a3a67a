package org.fractionball.lms.infrastructure.throttling;

import io.micrometer.core.instrument.MeterRegistry;
import org.fractionball.lms.command.config.ConfigDefaults;
import org.fractionball.lms.command.config.FeatureSwitches;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.ServletContextInitializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Request throttling (contract §0.7, defect D8 fixed): the runbook's rates, buckets in Redis when
 * it is configured (shared by every node) or in process, and the interceptor on {@code /api/**}.
 * Also registers the trusted proxies {@link ClientAddresses} reads.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class ThrottlingConfiguration {
    private static final Logger log = LoggerFactory.getLogger(ThrottlingConfiguration.class);

    @Bean
    public ClientAddresses clientAddresses(@Value("${lms.trusted-proxies:${TRUSTED_PROXIES:}}") String trustedProxies) {
        return ClientAddresses.trusting(trustedProxies);
    }

    /** Makes {@link ClientAddresses#clientIp} use this configuration, per application (servlet context). */
    @Bean
    public ServletContextInitializer clientAddressesRegistration(ClientAddresses clientAddresses) {
        return servletContext -> servletContext.setAttribute(ClientAddresses.ATTRIBUTE, clientAddresses);
    }

    /** Also found on its own by component scanning, so it repeats the web condition. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    @ConditionalOnProperty(prefix = "lms.throttling", name = "enabled", havingValue = "true", matchIfMissing = true)
    static class Enabled {

        @Bean
        ThrottleRules throttleRules(@Value("${lms.throttling.rates.anon:${THROTTLE_ANON:100/hour}}") String anon,
                                    @Value("${lms.throttling.rates.user:${THROTTLE_USER:1000/hour}}") String user,
                                    @Value("${lms.throttling.rates.library:${THROTTLE_LIBRARY:500/hour}}") String library,
                                    @Value("${lms.throttling.rates.upload:${THROTTLE_UPLOAD:50/hour}}") String upload,
                                    @Value("${lms.throttling.rates.auth:${THROTTLE_AUTH:300/hour}}") String auth,
                                    @Value("${lms.throttling.rates.admin:${THROTTLE_ADMIN:200/hour}}") String admin,
                                    @Value("${lms.throttling.auth-paths:}") String authPaths,
                                    @Value("${lms.redis.key-prefix:lms:}") String keyPrefix) {
            Map<ThrottleScope, ThrottleRate> rates = new EnumMap<>(ThrottleScope.class);
            put(rates, ThrottleScope.ANON, "THROTTLE_ANON", anon);
            put(rates, ThrottleScope.USER, "THROTTLE_USER", user);
            put(rates, ThrottleScope.LIBRARY, "THROTTLE_LIBRARY", library);
            put(rates, ThrottleScope.UPLOAD, "THROTTLE_UPLOAD", upload);
            put(rates, ThrottleScope.AUTH, "THROTTLE_AUTH", auth);
            put(rates, ThrottleScope.ADMIN, "THROTTLE_ADMIN", admin);
            List<String> signInPaths = authPaths.isBlank() ? ThrottleRules.DEFAULT_AUTH
                    : Arrays.stream(authPaths.split(",")).map(String::trim).filter(p -> !p.isEmpty()).toList();
            return new ThrottleRules(rates, signInPaths, keyPrefix);
        }

        @Bean
        ThrottleBuckets throttleBuckets(ObjectProvider<RedisConnectionFactory> redis, ThrottleRules rules,
                                        @Value("${lms.throttling.local-buckets:100000}") long localBuckets,
                                        @Value("${lms.throttling.redis-timeout:2s}") Duration redisTimeout) {
            RedisConnectionFactory factory = redis.getIfAvailable();
            if (factory instanceof LettuceConnectionFactory lettuce) {
                return new RedisThrottleBuckets(lettuce, redisTimeout);
            }
            if (factory != null) {
                log.warn("Throttling: Redis is configured without Lettuce ({}); buckets stay in process",
                        factory.getClass().getName());
            }
            Duration longest = Arrays.stream(ThrottleScope.values()).map(rules::rate)
                    .flatMap(Optional::stream).map(ThrottleRate::period)
                    .max(Duration::compareTo).orElse(Duration.ofHours(1));
            return new LocalThrottleBuckets(localBuckets, longest);
        }

        @Bean
        ThrottlingInterceptor throttlingInterceptor(ThrottleRules rules, ThrottleBuckets buckets,
                                                    MeterRegistry meters, ClientAddresses clientAddresses,
                                                    FeatureSwitches switches) {
            log.info("Throttling: {}; buckets {}; {}", rules, buckets.describe(), clientAddresses);
            // anonymous clients are throttled whenever the flag is on: its scope names users, never them
            return new ThrottlingInterceptor(rules, buckets, meters, caller -> caller == null
                    ? switches.isSwitchedOn(ConfigDefaults.API_RATE_LIMITING_ENABLED)
                    : switches.isEnabled(ConfigDefaults.API_RATE_LIMITING_ENABLED, caller));
        }

        /** First of the API's interceptors: a throttled request does not wait for read-your-writes. */
        @Bean
        WebMvcConfigurer throttlingWebMvc(ThrottlingInterceptor interceptor) {
            return new WebMvcConfigurer() {
                @Override
                public void addInterceptors(InterceptorRegistry registry) {
                    registry.addInterceptor(interceptor).addPathPatterns("/api/**").order(Ordered.HIGHEST_PRECEDENCE);
                }
            };
        }

        private static void put(Map<ThrottleScope, ThrottleRate> rates, ThrottleScope scope, String variable,
                                String value) {
            try {
                ThrottleRate.parse(value).ifPresent(rate -> rates.put(scope, rate));
            } catch (IllegalArgumentException invalid) {
                throw new IllegalStateException(variable + " (lms.throttling.rates." + scope.tag() + "): "
                        + invalid.getMessage(), invalid);
            }
        }
    }
}
