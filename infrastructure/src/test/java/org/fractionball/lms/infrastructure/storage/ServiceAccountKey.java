package org.fractionball.lms.infrastructure.storage;

import com.google.auth.oauth2.ServiceAccountCredentials;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;

/** A locally generated service-account key (RSA 2048): what Google's client needs to sign URLs offline. */
final class ServiceAccountKey {
    static final String PROJECT = "demo-fractionball";
    static final String CLIENT_EMAIL = "lms-storage@demo-fractionball.iam.gserviceaccount.com";

    private static final KeyPair KEYS = generate();

    private ServiceAccountKey() {
    }

    static KeyPair keys() {
        return KEYS;
    }

    static ServiceAccountCredentials credentials() {
        return ServiceAccountCredentials.newBuilder().setClientEmail(CLIENT_EMAIL).setPrivateKey(KEYS.getPrivate())
                .setPrivateKeyId("test-key").setProjectId(PROJECT).build();
    }

    /** Writes the key as a service-account JSON file, as the Firebase console downloads it. */
    static Path writeTo(Path file) throws IOException {
        String pem = "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(KEYS.getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n";
        return Files.writeString(file, "{\"type\": \"service_account\", \"project_id\": \"" + PROJECT + "\", "
                + "\"private_key_id\": \"test-key\", \"private_key\": \"" + pem.replace("\n", "\\n") + "\", "
                + "\"client_email\": \"" + CLIENT_EMAIL + "\", \"client_id\": \"1\", "
                + "\"token_uri\": \"https://oauth2.googleapis.com/token\"}");
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
