package org.fractionball.lms.infrastructure.support;

import com.google.api.client.http.HttpTransport;
import org.fractionball.lms.infrastructure.security.LocalFirebaseKeys;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;

/**
 * One set of locally generated Firebase signing keys per test JVM, for runs without the Auth
 * emulator, and a service-account file built on the same key so the app starts the SDK in
 * production mode (nothing ever reaches Google: certificates come through the test transport).
 */
public final class LocalKeys {
    private static final LocalFirebaseKeys KEYS = new LocalFirebaseKeys();
    private static Path serviceAccount;

    private LocalKeys() {
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
