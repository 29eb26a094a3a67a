package org.fractionball.lms.infrastructure.database;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads the runbook's variables: {@code DATABASE_URL} ({@code postgres://user:pass@host:port/db})
 * and {@code REDIS_URL}. Without a database URL at all the app runs on its embedded PostgreSQL
 * ({@link EmbeddedDatabaseConfiguration}); without Redis it keeps its caches and positions in
 * process.
 */
public class RunbookEnvironment implements EnvironmentPostProcessor {
    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Map<String, Object> derived = new HashMap<>();
        String databaseUrl = environment.getProperty("DATABASE_URL");
        if (!hasText(environment.getProperty("spring.datasource.url")) && hasText(databaseUrl)) {
            derived.putAll(jdbcPropertiesOf(databaseUrl));
        }
        String redisUrl = environment.getProperty("REDIS_URL");
        if (!hasText(environment.getProperty("spring.data.redis.url")) && !hasText(environment.getProperty("spring.data.redis.host"))) {
            if (hasText(redisUrl)) {
                derived.put("spring.data.redis.url", redisUrl);
            } else {
                derived.put("spring.autoconfigure.exclude",
                        "org.springframework.boot.autoconfigure.data.redis.RedisAutoConfiguration,"
                                + "org.springframework.boot.autoconfigure.data.redis.RedisRepositoriesAutoConfiguration");
                derived.put("management.health.redis.enabled", "false");
            }
        }
        environment.getPropertySources().addLast(new MapPropertySource("runbook-environment", derived));
    }

    /** {@code postgres://user:pass@host:port/db?opts} (or a JDBC URL) as Spring datasource properties. */
    public static Map<String, Object> jdbcPropertiesOf(String databaseUrl) {
        Map<String, Object> properties = new HashMap<>();
        if (databaseUrl.startsWith("jdbc:")) {
            properties.put("spring.datasource.url", databaseUrl);
            return properties;
        }
        URI uri = URI.create(databaseUrl);
        if (!("postgres".equals(uri.getScheme()) || "postgresql".equals(uri.getScheme()))) {
            throw new IllegalStateException("DATABASE_URL must be postgres://user:password@host:port/database, got scheme "
                    + uri.getScheme());
        }
        int port = uri.getPort() == -1 ? 5432 : uri.getPort();
        String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
        properties.put("spring.datasource.url", "jdbc:postgresql://" + uri.getHost() + ":" + port + uri.getRawPath() + query);
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null) {
            int colon = userInfo.indexOf(':');
            properties.put("spring.datasource.username", decode(colon < 0 ? userInfo : userInfo.substring(0, colon)));
            if (colon >= 0) {
                properties.put("spring.datasource.password", decode(userInfo.substring(colon + 1)));
            }
        }
        return properties;
    }

    private static String decode(String value) {
        return URLDecoder.decode(value, StandardCharsets.UTF_8);
    }

    private static boolean hasText(String value) {
        return value != null && !value.isBlank();
    }
}
