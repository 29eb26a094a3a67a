package org.fractionball.lms.infrastructure.security;

/** Verifies a bearer ID token and says whose it is. */
public interface IdentityVerifier {

    /**
     * @throws TokenRejected when the token is not valid (the reason says why)
     */
    VerifiedIdentity verify(String token);
}
