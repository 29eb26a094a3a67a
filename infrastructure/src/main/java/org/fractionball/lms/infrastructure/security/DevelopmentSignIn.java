package org.fractionball.lms.infrastructure.security;

/** Holds the development token issuer when the development sign-in is enabled. */
public record DevelopmentSignIn(DevelopmentTokens tokens) {

    public boolean enabled() {
        return tokens != null;
    }

    /** An ID token for {@code uid}, accepted by this node until it expires. */
    public String issue(String uid) {
        return tokens.issue(uid);
    }
}
