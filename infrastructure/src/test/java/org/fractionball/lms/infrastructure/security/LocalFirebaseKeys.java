package org.fractionball.lms.infrastructure.security;

import com.google.api.client.http.HttpTransport;
import com.google.api.client.http.LowLevelHttpRequest;
import com.google.api.client.testing.http.MockHttpTransport;
import com.google.api.client.testing.http.MockLowLevelHttpRequest;
import com.google.api.client.testing.http.MockLowLevelHttpResponse;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Production-mode Firebase ID tokens without Google: a locally generated RSA key with a self-signed
 * certificate, and an {@link HttpTransport} for {@code FirebaseOptions.Builder.setHttpTransport}
 * that serves that certificate at the URL the Admin SDK fetches Google's token certificates from.
 * The SDK then verifies tokens minted here exactly as it verifies real ones (RS256 signature,
 * {@code kid}, {@code aud}, {@code iss}, {@code sub}, {@code iat}, {@code exp}).
 *
 * <p>Shared by the security tests and the end-to-end tests' local-keys mode. Each instance
 * generates its key pair and certificate once; the transport answers every other
 * URL with 404 and records it ({@link #unexpectedRequests()}).
 */
public final class LocalFirebaseKeys {
    /** Where {@code FirebaseTokenUtils} fetches the ID-token certificates (a constant of the SDK). */
    public static final String CERTIFICATE_URL =
            "https://www.googleapis.com/robot/v1/metadata/x509/securetoken@system.gserviceaccount.com";
    public static final String ISSUER_PREFIX = "https://securetoken.google.com/";

    private final KeyPair keyPair;
    private final String kid;
    private final String certificatesJson;
    private final AtomicInteger certificateRequests = new AtomicInteger();
    private final List<String> unexpectedRequests = new CopyOnWriteArrayList<>();
    private final HttpTransport transport = new CertificateTransport();

    public LocalFirebaseKeys() {
        this(generateRsaKeyPair(), "local-" + UUID.randomUUID());
    }

    /** The keys of another JVM (an app started as a process of its own verifies the tokens minted here). */
    public LocalFirebaseKeys(KeyPair keyPair, String kid) {
        this.keyPair = keyPair;
        this.kid = kid;
        this.certificatesJson = "{\"" + kid + "\": \"" + jsonEscape(pem(selfSignedCertificate(keyPair))) + "\"}";
    }

    /** A fresh 2048-bit RSA key pair (e.g. for "signed with another key" tests). */
    public static KeyPair generateRsaKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public String kid() {
        return kid;
    }

    public KeyPair keyPair() {
        return keyPair;
    }

    public PrivateKey privateKey() {
        return keyPair.getPrivate();
    }

    /** Serves {@code {"<kid>": "<PEM certificate>"}} at {@link #CERTIFICATE_URL}, cacheable for an hour. */
    public HttpTransport certificateTransport() {
        return transport;
    }

    /** How many times the certificates were fetched through {@link #certificateTransport()}. */
    public int certificateRequests() {
        return certificateRequests.get();
    }

    /** "METHOD url" of every request to another URL than {@link #CERTIFICATE_URL} (answered 404). */
    public List<String> unexpectedRequests() {
        return List.copyOf(unexpectedRequests);
    }

    /** The header of a well-formed Firebase ID token: RS256, typ JWT, this instance's {@code kid}. */
    public JWSHeader header() {
        return new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).keyID(kid).build();
    }

    /**
     * The claims of a valid ID token for {@code uid} in {@code projectId}: {@code iss}, {@code aud},
     * {@code sub}, {@code iat} and {@code auth_time} a minute ago, {@code exp} in an hour, then
     * {@code extraClaims} (which may override any of those; {@link Date} values become epoch seconds).
     */
    public JWTClaimsSet claims(String projectId, String uid, Map<String, Object> extraClaims) {
        Instant now = Instant.now();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER_PREFIX + projectId)
                .audience(projectId)
                .subject(uid)
                .issueTime(Date.from(now.minusSeconds(60)))
                .expirationTime(Date.from(now.plus(Duration.ofHours(1))))
                .claim("auth_time", now.minusSeconds(60).getEpochSecond())
                .claim("user_id", uid);
        extraClaims.forEach(claims::claim);
        return claims.build();
    }

    /** A token the Admin SDK accepts (given {@link #certificateTransport()}), unless extraClaims spoil it. */
    public String mint(String projectId, String uid, Map<String, Object> extraClaims) {
        return mint(claims(projectId, uid, extraClaims), header(), privateKey());
    }

    /** Low level, for tampering: any claims, any header (RS256 family), any signing key. */
    public String mint(JWTClaimsSet claims, JWSHeader header, PrivateKey key) {
        try {
            SignedJWT jwt = new SignedJWT(header, claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An unsigned token ({@code "alg": "none"}, empty signature), with this instance's kid in the header. */
    public String unsigned(JWTClaimsSet claims) {
        PlainHeader header = new PlainHeader.Builder().type(JOSEObjectType.JWT).customParam("kid", kid).build();
        return new PlainJWT(header, claims).serialize();
    }

    private static X509Certificate selfSignedCertificate(KeyPair keyPair) {
        try {
            X500Name subject = new X500Name("CN=securetoken.local-test");
            Instant now = Instant.now();
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject,
                    BigInteger.valueOf(now.toEpochMilli()), Date.from(now.minus(Duration.ofDays(1))),
                    Date.from(now.plus(Duration.ofDays(365))), subject, keyPair.getPublic());
            return new JcaX509CertificateConverter()
                    .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(keyPair.getPrivate())));
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pem(X509Certificate certificate) {
        try {
            Base64.Encoder encoder = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));
            return "-----BEGIN CERTIFICATE-----\n" + encoder.encodeToString(certificate.getEncoded())
                    + "\n-----END CERTIFICATE-----\n";
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String jsonEscape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    private final class CertificateTransport extends MockHttpTransport {
        @Override
        public LowLevelHttpRequest buildRequest(String method, String url) {
            MockLowLevelHttpResponse response = new MockLowLevelHttpResponse();
            if ("GET".equals(method) && CERTIFICATE_URL.equals(url)) {
                certificateRequests.incrementAndGet();
                response.setStatusCode(200)
                        .setContentType("application/json; charset=UTF-8")
                        .addHeader("Cache-Control", "public, max-age=3600")
                        .setContent(certificatesJson);
            } else {
                unexpectedRequests.add(method + " " + url);
                response.setStatusCode(404).setContentType("text/plain").setContent("not served by LocalFirebaseKeys");
            }
            // a fresh response per request: its content stream can be read only once
            return new MockLowLevelHttpRequest(url).setResponse(response);
        }
    }
}
