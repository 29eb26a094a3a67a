package org.fractionball.lms.infrastructure.web;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import org.fractionball.lms.events.shared.Caller;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.apache.catalina.core.StandardHost;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

@Configuration(proxyBeanMethods = false)
public class WebConfiguration {
    private static final DateTimeFormatter WITH_MICROS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter WHOLE_SECONDS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    @Bean
    WebMvcConfigurer lmsWebMvc(ReadYourWrites readYourWrites) {
        return new WebMvcConfigurer() {
            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                registry.addInterceptor(readYourWrites).addPathPatterns("/api/**");
            }

            @Override
            public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
                resolvers.add(new CallerArgumentResolver());
            }
        };
    }

    /** Datetimes as the contract's serializers wrote them (§0.6): UTC, {@code Z}, microseconds when non-zero. */
    @Bean
    Jackson2ObjectMapperBuilderCustomizer contractDatetimes() {
        SimpleModule module = new SimpleModule("contract-datetimes");
        module.addSerializer(Instant.class, new JsonSerializer<>() {
            @Override
            public void serialize(Instant value, JsonGenerator generator, SerializerProvider provider)
                    throws IOException {
                generator.writeString((value.getNano() == 0 ? WHOLE_SECONDS : WITH_MICROS).format(value));
            }
        });
        return builder -> builder.modulesToInstall(module);
    }

    /** Tomcat's own error answers (before any filter) in JSON too. */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> jsonTomcatErrors() {
        return factory -> factory.addContextCustomizers(context -> {
            if (context.getParent() instanceof StandardHost host) {
                host.setErrorReportValveClass(JsonErrorReportValve.class.getName());
            }
        });
    }

    /** Requests Spring Security's firewall refuses (e.g. control characters in names) get the JSON 400 too. */
    @Bean
    RequestRejectedHandler jsonRequestRejectedHandler() {
        return (request, response, rejected) -> JsonErrors.detail(response, 400, "Bad request: " + rejected.getMessage());
    }

    @Bean
    ActorWritePositions actorWritePositions(ObjectProvider<StringRedisTemplate> redis,
                                            @Value("${lms.redis.key-prefix:lms:}") String keyPrefix,
                                            @Value("${lms.read-your-writes.retention:60s}") Duration retention) {
        StringRedisTemplate template = redis.getIfAvailable();
        return template != null ? new RedisActorWritePositions(template, keyPrefix, retention)
                : new InMemoryActorWritePositions(retention);
    }

    /** Resolves a {@link Caller} controller parameter to the authenticated user. */
    private static final class CallerArgumentResolver implements HandlerMethodArgumentResolver {
        @Override
        public boolean supportsParameter(MethodParameter parameter) {
            return parameter.getParameterType() == Caller.class;
        }

        @Override
        public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
                                      NativeWebRequest webRequest, WebDataBinderFactory binderFactory) {
            Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
            if (authentication != null && authentication.getPrincipal() instanceof Caller caller) {
                return caller;
            }
            throw new IllegalStateException("No authenticated caller: the security rules must require one here");
        }
    }
}
