package org.fractionball.lms.infrastructure.security;

import com.google.api.client.http.HttpTransport;
import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.firebase.FirebaseApp;
import com.google.firebase.FirebaseOptions;
import org.springframework.beans.factory.DisposableBean;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.UUID;

/**
 * The Firebase app of this application context, chosen by the runbook's variables: the Auth
 * emulator when {@code FIREBASE_AUTH_EMULATOR_HOST} is set (with {@code FIREBASE_PROJECT_ID}, no
 * credentials), production with {@code FIREBASE_CREDENTIALS_PATH}, none otherwise.
 */
public class FirebaseApps implements DisposableBean {
    private final FirebaseApp app;

    FirebaseApps(String emulatorHost, String projectId, String credentialsPath, String storageBucket,
                 HttpTransport transport) throws IOException {
        FirebaseOptions.Builder options;
        if (!isBlank(emulatorHost)) {
            if (isBlank(projectId)) {
                throw new IllegalStateException("FIREBASE_AUTH_EMULATOR_HOST is set but FIREBASE_PROJECT_ID is not: "
                        + "the emulator needs the project id its tokens are issued for.");
            }
            // The SDK substitutes its own credentials in emulator mode but insists on having some.
            options = FirebaseOptions.builder().setCredentials(GoogleCredentials.create(new AccessToken("owner", null)));
        } else if (!isBlank(credentialsPath)) {
            try (InputStream in = new FileInputStream(credentialsPath)) {
                options = FirebaseOptions.builder().setCredentials(GoogleCredentials.fromStream(in));
            }
        } else {
            app = null;
            return;
        }
        if (!isBlank(projectId)) {
            options.setProjectId(projectId);
        }
        if (!isBlank(storageBucket)) {
            options.setStorageBucket(storageBucket);
        }
        if (transport != null) {
            options.setHttpTransport(transport);
        }
        app = FirebaseApp.initializeApp(options.build(), "lms-" + UUID.randomUUID());
    }

    public Optional<FirebaseApp> app() {
        return Optional.ofNullable(app);
    }

    @Override
    public void destroy() {
        if (app != null) {
            app.delete();
        }
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
