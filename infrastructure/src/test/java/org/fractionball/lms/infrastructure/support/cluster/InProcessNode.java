package org.fractionball.lms.infrastructure.support.cluster;

import org.fractionball.lms.infrastructure.LmsApplication;
import org.fractionball.lms.infrastructure.support.LocalCertificates;
import org.fractionball.lms.infrastructure.support.LocalKeys;
import org.fractionball.lms.infrastructure.support.TestFirebase;
import org.fractionball.lms.infrastructure.support.TestServices;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An application node started in this JVM (closing its context stops it gracefully; {@link AppNode}
 * is the one to kill), on a database and Redis key prefix of the test's own, with a web server on a
 * free port and files in a temporary directory. The test's own settings come last and win.
 */
public final class InProcessNode {
    private InProcessNode() {
    }

    public static ConfigurableApplicationContext start(String name, TestServices services, String database,
                                                       String keyPrefix, Map<String, String> own) throws IOException {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("server.port", Integer.toString(AppNode.freePort()));
        properties.put("lms.node-id", name);
        properties.putAll(settings(name, services, database, services.redisUrl, keyPrefix));
        properties.putAll(own);
        return run(properties);
    }

    /**
     * What every test node shares: the given database and Redis, a small pool, production token
     * checks unless the emulator is used, filesystem storage in a temporary directory, quiet logs.
     */
    public static Map<String, String> settings(String name, TestServices services, String database, String redisUrl,
                                               String keyPrefix) throws IOException {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("spring.datasource.url", database);
        properties.put("spring.datasource.username", services.username);
        properties.put("spring.datasource.password", services.password);
        properties.put("spring.datasource.hikari.maximum-pool-size", "8");
        properties.put("spring.data.redis.url", redisUrl);
        properties.put("lms.redis.key-prefix", keyPrefix);
        properties.put("spring.profiles.active", "test");
        properties.put("lms.demo-data.enabled", "false");
        properties.put("lms.firebase.project-id", TestFirebase.PROJECT_ID);
        if (!TestFirebase.EMULATOR) {
            properties.put("lms.firebase.credentials-path", LocalKeys.serviceAccountFile());
            properties.put("lms.firebase.check-revoked", "false");
        }
        properties.put("lms.storage.backend", "filesystem");
        properties.put("lms.storage.filesystem.directory", Files.createTempDirectory(name + "-storage").toString());
        properties.put("logging.level.root", "WARN");
        return properties;
    }

    /** Starts the application in this JVM with these properties (as {@code --key=value} arguments). */
    public static ConfigurableApplicationContext run(Map<String, String> properties) {
        String[] arguments = properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        SpringApplicationBuilder application = new SpringApplicationBuilder(LmsApplication.class);
        if (!TestFirebase.EMULATOR) {
            application.initializers(new LocalCertificates());
        }
        return application.run(arguments);
    }

    /** The port the node's web server listens on. */
    public static int port(ConfigurableApplicationContext node) {
        return Integer.parseInt(node.getEnvironment().getProperty("local.server.port"));
    }
}
