package org.fractionball.lms.infrastructure.security;

/** A bearer token that does not authenticate anyone; {@link #detail()} is the 401 message. */
public class TokenRejected extends RuntimeException {
    public static final String INVALID = "Invalid Firebase token";
    public static final String EXPIRED = "Expired Firebase token";
    public static final String REVOKED = "Firebase token has been revoked";
    public static final String DISABLED = "Firebase account is disabled";
    public static final String FAILED = "Authentication failed";

    private final String detail;

    public TokenRejected(String detail, Throwable cause) {
        super(detail, cause);
        this.detail = detail;
    }

    public String detail() {
        return detail;
    }
}
