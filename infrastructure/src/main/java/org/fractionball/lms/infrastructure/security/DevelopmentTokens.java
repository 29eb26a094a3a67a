package org.fractionball.lms.infrastructure.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/**
 * The development sign-in's tokens: HS256, signed with a key derived from the secret key, issued
 * only while the dev profile runs (startup refuses it in production).
 */
class DevelopmentTokens implements IdentityVerifier {
    static final String ISSUER = "fractionball-lms-dev-sign-in";
    static final Duration LIFETIME = Duration.ofHours(1);

    private final byte[] key;

    DevelopmentTokens(String secret) {
        try {
            key = MessageDigest.getInstance("SHA-256").digest(("dev-sign-in:" + secret).getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    String issue(String uid) {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(ISSUER).subject(uid).issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(LIFETIME))).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        try {
            jwt.sign(new MACSigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    /** Whether the token claims to be one of ours (decided before any signature check). */
    static boolean looksLikeOurs(String token) {
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            return JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm())
                    && ISSUER.equals(jwt.getJWTClaimsSet().getIssuer());
        } catch (ParseException notAJwt) {
            return false;
        }
    }

    @Override
    public VerifiedIdentity verify(String token) {
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (!jwt.verify(new MACVerifier(key))) {
                throw new TokenRejected(TokenRejected.INVALID, null);
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            Date expiry = claims.getExpirationTime();
            if (expiry == null || !ISSUER.equals(claims.getIssuer()) || claims.getSubject() == null) {
                throw new TokenRejected(TokenRejected.INVALID, null);
            }
            if (expiry.toInstant().isBefore(Instant.now())) {
                throw new TokenRejected(TokenRejected.EXPIRED, null);
            }
            return new VerifiedIdentity(claims.getSubject(), null, expiry.toInstant());
        } catch (ParseException | JOSEException malformed) {
            throw new TokenRejected(TokenRejected.INVALID, malformed);
        }
    }
}
