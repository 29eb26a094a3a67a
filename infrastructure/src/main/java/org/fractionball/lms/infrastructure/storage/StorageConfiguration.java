package org.fractionball.lms.infrastructure.storage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The one {@code BlobStore} of the application, chosen by {@code lms.storage.backend}
 * ({@code STORAGE_BACKEND}): {@code firebase}, {@code filesystem}, or {@code auto} (the default):
 * Firebase Storage when both a bucket and a credentials path are configured, else the filesystem.
 */
@Configuration(proxyBeanMethods = false)
public class StorageConfiguration {
    private static final Logger log = LoggerFactory.getLogger(StorageConfiguration.class);

    enum Backend {
        FIREBASE, FILESYSTEM;

        static Backend select(Environment environment) {
            String setting = environment.getProperty("lms.storage.backend", "auto").strip().toLowerCase(Locale.ROOT);
            return switch (setting) {
                case "firebase" -> FIREBASE;
                case "filesystem" -> FILESYSTEM;
                case "auto", "" -> isSet(environment, "lms.firebase.storage-bucket")
                        && isSet(environment, "lms.firebase.credentials-path") ? FIREBASE : FILESYSTEM;
                default -> throw new IllegalStateException("lms.storage.backend (STORAGE_BACKEND) must be firebase, "
                        + "filesystem or auto, not '" + setting + "'");
            };
        }

        private static boolean isSet(Environment environment, String property) {
            String value = environment.getProperty(property);
            return value != null && !value.isBlank();
        }
    }

    static final class FilesystemSelected implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return Backend.select(context.getEnvironment()) == Backend.FILESYSTEM;
        }
    }

    static final class FirebaseSelected implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return Backend.select(context.getEnvironment()) == Backend.FIREBASE;
        }
    }

    @Bean
    @Conditional(FilesystemSelected.class)
    public FilesystemBlobStore filesystemBlobStore(Environment environment,
                                                   @Value("${lms.storage.backend:auto}") String backend,
                                                   @Value("${lms.storage.filesystem.directory:./data/storage}") String directory,
                                                   @Value("${lms.storage.filesystem.base-url:}") String baseUrl,
                                                   @Value("${lms.secret-key}") String secretKey) {
        FilesystemBlobStore store = new FilesystemBlobStore(Path.of(directory), secretKey,
                baseUrl(baseUrl, environment), Clock.systemUTC());
        log.info("Storage: filesystem (lms.storage.backend={}) under {}, URLs based on {}", backend, store.directory(),
                baseUrl.isBlank() ? "the request's own URL" : baseUrl.strip());
        return store;
    }

    @Bean
    @Conditional(FirebaseSelected.class)
    public FirebaseBlobStore firebaseBlobStore(@Value("${lms.storage.backend:auto}") String backend,
                                               @Value("${lms.firebase.storage-bucket:}") String bucket,
                                               @Value("${lms.firebase.credentials-path:}") String credentialsPath,
                                               @Value("${lms.firebase.project-id:}") String projectId) throws IOException {
        if (bucket.isBlank() || credentialsPath.isBlank()) {
            throw new IllegalStateException("lms.storage.backend=firebase needs FIREBASE_STORAGE_BUCKET and "
                    + "FIREBASE_CREDENTIALS_PATH (a service-account key, which signs the upload and download URLs)");
        }
        FirebaseBlobStore store = FirebaseBlobStore.fromServiceAccount(Path.of(credentialsPath), bucket.strip(),
                projectId.isBlank() ? null : projectId.strip());
        log.info("Storage: Firebase (lms.storage.backend={}), bucket {}", backend, store.bucket());
        return store;
    }

    /**
     * The configured base URL, else the current request's (scheme, host as validated by
     * {@code ALLOWED_HOSTS}, port, context path), else {@code http://localhost:<port>} outside a
     * request (start-up tasks, the admin command).
     */
    private static Supplier<String> baseUrl(String configured, Environment environment) {
        if (!configured.isBlank()) {
            String fixed = configured.strip();
            return () -> fixed;
        }
        return () -> RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes
                ? ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString()
                : "http://localhost:" + environment.getProperty("local.server.port",
                environment.getProperty("server.port", "8080"));
    }
}
