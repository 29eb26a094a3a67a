package org.fractionball.lms.infrastructure.database;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.io.IOException;
import java.nio.file.Path;

/**
 * With no database URL from any source ({@code DATABASE_URL}, {@code spring.datasource.url},
 * test properties): PostgreSQL 16 embedded, data under {@code ./data/postgres}. Decided when
 * the context's conditions are evaluated, after every property source is in place.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "spring.datasource.url", havingValue = "embedded", matchIfMissing = true)
public class EmbeddedDatabaseConfiguration {

    @Bean(destroyMethod = "close")
    public EmbeddedPostgresServer embeddedPostgres(@Value("${lms.database.data-dir:./data/postgres}") String dataDir)
            throws IOException {
        return EmbeddedPostgresServer.start(Path.of(dataDir), "lms");
    }

    @Bean
    @ConfigurationProperties("spring.datasource.hikari")
    public HikariDataSource dataSource(EmbeddedPostgresServer server) {
        return DataSourceBuilder.create().type(HikariDataSource.class).driverClassName("org.postgresql.Driver")
                .url(server.jdbcUrl("lms")).username("postgres").password("").build();
    }
}
