package org.fractionball.lms.infrastructure.security;

import com.google.firebase.auth.AuthErrorCode;
import com.google.firebase.auth.FirebaseAuth;
import com.google.firebase.auth.FirebaseAuthException;
import com.google.firebase.auth.FirebaseToken;

import java.time.Instant;

/**
 * Firebase Admin SDK verification: RS256 against Google's certificates in production, the Auth
 * emulator in development and CI. With {@code checkRevoked} the SDK also refuses revoked tokens
 * and disabled or deleted users (one lookup per token; verified tokens are cached).
 */
class FirebaseIdentityVerifier implements IdentityVerifier {
    private final FirebaseAuth auth;
    private final boolean checkRevoked;

    FirebaseIdentityVerifier(FirebaseAuth auth, boolean checkRevoked) {
        this.auth = auth;
        this.checkRevoked = checkRevoked;
    }

    @Override
    public VerifiedIdentity verify(String token) {
        try {
            FirebaseToken verified = auth.verifyIdToken(token, checkRevoked);
            Object exp = verified.getClaims().get("exp");
            Instant expiresAt = exp instanceof Number seconds ? Instant.ofEpochSecond(seconds.longValue())
                    : Instant.now().plusSeconds(60);
            return new VerifiedIdentity(verified.getUid(), verified.getEmail(), expiresAt);
        } catch (FirebaseAuthException e) {
            throw new TokenRejected(detailFor(e.getAuthErrorCode()), e);
        } catch (IllegalArgumentException malformed) {
            throw new TokenRejected(TokenRejected.INVALID, malformed);
        }
    }

    private static String detailFor(AuthErrorCode code) {
        if (code == null) {
            return TokenRejected.FAILED;
        }
        return switch (code) {
            case EXPIRED_ID_TOKEN -> TokenRejected.EXPIRED;
            case REVOKED_ID_TOKEN -> TokenRejected.REVOKED;
            case USER_DISABLED -> TokenRejected.DISABLED;
            case INVALID_ID_TOKEN, USER_NOT_FOUND, TENANT_ID_MISMATCH -> TokenRejected.INVALID;
            default -> TokenRejected.FAILED;
        };
    }
}
