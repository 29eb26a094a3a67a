package org.fractionball.lms.query.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.fractionball.lms.events.shared.Caller;
import org.fractionball.lms.projections.config.ConfigTypedValues;
import org.fractionball.lms.projections.config.FeatureFlagView;
import org.fractionball.lms.projections.config.SystemConfigView;
import org.fractionball.lms.query.admin.GeneratedAt;
import org.fractionball.lms.query.library.LibraryCacheBreaker;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The public configuration (contract §5.20.1) as JSON text, cached in Redis for 300 s under the
 * read model's version and the caller's scope. The projection raises the version with every change
 * (D25e), so a change is visible on the next request; the TTL only bounds how long an answer keeps
 * its {@code generated_at}. Flags are listed only where they apply (D25f): for an anonymous caller
 * the enabled flags without scope, for a user the enabled flags whose schools and roles include
 * theirs. With Redis absent or failing (a breaker stops asking it) answers are computed each time.
 */
@Component
public class PublicConfigReads {
    private final QueryGateway queries;
    private final StringRedisTemplate redis;
    private final ObjectMapper json;
    private final String keyPrefix;
    private final Duration ttl;
    private final LibraryCacheBreaker breaker = new LibraryCacheBreaker(3, Duration.ofSeconds(10), System::nanoTime);

    public PublicConfigReads(QueryGateway queries, ObjectProvider<StringRedisTemplate> redis, ObjectMapper json,
                             @Value("${lms.redis.key-prefix:lms:}") String keyPrefix,
                             @Value("${lms.config.public-cache-ttl:300s}") Duration ttl) {
        this.queries = queries;
        this.redis = redis.getIfAvailable();
        this.json = json;
        this.keyPrefix = keyPrefix;
        this.ttl = ttl;
    }

    /** The answer for {@code caller} ({@code null}: anonymous). */
    public String read(Caller caller) {
        long version = queries.query(new FindConfigVersion(), Long.class).join();
        String key = keyPrefix + "public_config:" + version + ":"
                + (caller == null ? "anonymous" : caller.role().name() + ":" + caller.schoolId());
        String cached = cached(key);
        if (cached != null) {
            return cached;
        }
        String answer = compute(caller);
        store(key, answer);
        return answer;
    }

    private String compute(Caller caller) {
        List<SystemConfigView> configs = queries.query(new FindSystemConfigs(new ConfigFilter(null, null, true, null),
                0, 0), ResponseTypes.multipleInstancesOf(SystemConfigView.class)).join();
        List<FeatureFlagView> flags = queries.query(new FindFeatureFlags(true, null, 0, 0),
                ResponseTypes.multipleInstancesOf(FeatureFlagView.class)).join();
        Map<String, Map<String, Object>> config = new LinkedHashMap<>();
        for (SystemConfigView row : configs) {
            config.computeIfAbsent(row.category(), c -> new LinkedHashMap<>())
                    .put(row.key(), ConfigTypedValues.typed(row.type(), row.value()));
        }
        Map<String, Object> features = new LinkedHashMap<>();
        for (FeatureFlagView flag : flags) {
            if (appliesTo(flag, caller)) {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("enabled", true);
                entry.put("display_name", flag.displayName());
                entry.put("description", flag.description());
                features.put(flag.name(), entry);
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("config", config);
        body.put("features", features);
        body.put("generated_at", GeneratedAt.now());
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException("public configuration is not serialisable", impossible);
        }
    }

    private static boolean appliesTo(FeatureFlagView flag, Caller caller) {
        if (caller == null) {
            return flag.schools().isEmpty() && flag.roles().isEmpty();
        }
        return (flag.schools().isEmpty() || flag.schools().contains(caller.schoolId()))
                && (flag.roles().isEmpty() || flag.roles().contains(caller.role().name()));
    }

    private String cached(String key) {
        if (redis == null || !breaker.allow()) {
            return null;
        }
        try {
            String value = redis.opsForValue().get(key);
            breaker.success();
            return value;
        } catch (RuntimeException unavailable) {
            breaker.failure(unavailable);
            return null;
        }
    }

    private void store(String key, String value) {
        if (redis == null || !breaker.allow()) {
            return;
        }
        try {
            redis.opsForValue().set(key, value, ttl);
            breaker.success();
        } catch (RuntimeException unavailable) {
            breaker.failure(unavailable);
        }
    }
}
