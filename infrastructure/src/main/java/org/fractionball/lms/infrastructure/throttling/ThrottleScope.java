package org.fractionball.lms.infrastructure.throttling;

import java.util.Locale;

/** The limits a request can count against; {@link #tag()} names them in metrics and bucket keys. */
public enum ThrottleScope {
    /** Anonymous requests, per client address. */
    ANON(false),
    /** Authenticated requests, per user. */
    USER(true),
    /** The library browsing endpoints, per user. */
    LIBRARY(true),
    /** Uploads and bulk imports, per user. */
    UPLOAD(true),
    /** Sign-in, per client address (the caller is anonymous by definition). */
    AUTH(false),
    /** Administration and system configuration, per user. */
    ADMIN(true);

    private final boolean perUser;

    ThrottleScope(boolean perUser) {
        this.perUser = perUser;
    }

    /** True when the scope counts per user; an anonymous request then counts per client address. */
    public boolean perUser() {
        return perUser;
    }

    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
