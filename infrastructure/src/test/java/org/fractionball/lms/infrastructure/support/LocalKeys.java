package org.fractionball.lms.infrastructure.support;

import com.google.api.client.http.HttpTransport;
import org.fractionball.lms.infrastructure.security.LocalFirebaseKeys;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Base64;
import java.util.Map;

/**
 * One set of locally generated Firebase signing keys per test JVM, for runs without the Auth
 * emulator, and a service-account file built on the same key so the app starts the SDK in
 * production mode (nothing ever reaches Google: certificates come through the test transport).
 */
public final class LocalKeys {
    /** A file of {@link #exportedKeys()}: a JVM started with it verifies the tokens its parent mints. */
    public static final String SHARED_KEYS_PROPERTY = "lms.test.local-keys";
    private static final LocalFirebaseKeys KEYS = keys();
    private static Path serviceAccount;
    private static Path exported;

    private LocalKeys() {
    }

    private static LocalFirebaseKeys keys() {
        String shared = System.getProperty(SHARED_KEYS_PROPERTY);
        if (shared == null) {
            return new LocalFirebaseKeys();
        }
        try (ObjectInputStream in = new ObjectInputStream(Files.newInputStream(Path.of(shared)))) {
            return new LocalFirebaseKeys((KeyPair) in.readObject(), (String) in.readObject());
        } catch (IOException | ClassNotFoundException e) {
            throw new IllegalStateException("Cannot read the shared test keys " + shared, e);
        }
    }

    /** This JVM's key pair and key id in a file, for {@code -D}{@value #SHARED_KEYS_PROPERTY} of a child JVM. */
    public static synchronized String exportedKeys() {
        if (exported == null) {
            try {
                exported = Files.createTempFile("lms-test-keys", ".ser");
                exported.toFile().deleteOnExit();
                try (ObjectOutputStream out = new ObjectOutputStream(Files.newOutputStream(exported))) {
                    out.writeObject(KEYS.keyPair());
                    out.writeObject(KEYS.kid());
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return exported.toString();
    }

    public static String mint(String projectId, String uid, Map<String, Object> extraClaims) {
        return KEYS.mint(projectId, uid, extraClaims);
    }

    public static HttpTransport certificateTransport() {
        return KEYS.certificateTransport();
    }

    public static synchronized String serviceAccountFile() {
        if (serviceAccount == null) {
            String pem = ("-----BEGIN PRIVATE KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(KEYS.privateKey().getEncoded())
                    + "\n-----END PRIVATE KEY-----\n").replace("\n", "\\n");
            String json = "{\"type\": \"service_account\", \"project_id\": \"" + TestFirebase.PROJECT_ID + "\", "
                    + "\"private_key_id\": \"" + KEYS.kid() + "\", \"private_key\": \"" + pem + "\", "
                    + "\"client_email\": \"lms-tests@" + TestFirebase.PROJECT_ID + ".iam.gserviceaccount.com\", "
                    + "\"client_id\": \"1\", \"token_uri\": \"https://oauth2.googleapis.com/token\"}";
            try {
                serviceAccount = Files.createTempFile("lms-test-service-account", ".json");
                Files.writeString(serviceAccount, json);
                serviceAccount.toFile().deleteOnExit();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return serviceAccount.toString();
    }
}
