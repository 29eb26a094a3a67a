package org.fractionball.lms.infrastructure.security.hardening;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

import java.util.Locale;
import java.util.Set;

/**
 * {@code SESSION_COOKIE_SECURE} and {@code CSRF_COOKIE_SECURE}: the API sets no cookies today
 * (token authentication, no sessions, CSRF-exempt), so these only take effect if something starts
 * setting one. Then, as in Django, the CSRF cookie ({@code csrftoken}, or Spring's
 * {@code XSRF-TOKEN}) is marked {@code Secure} when {@code CSRF_COOKIE_SECURE} is true, and every
 * other cookie (the session cookie and, like Django's message cookie, anything else) when
 * {@code SESSION_COOKIE_SECURE} is true. Cookies set through the response (by {@code addCookie} or
 * a {@code Set-Cookie} header) pass through {@link #wrap}; the servlet container's own session
 * cookie is configured separately (see HardeningConfiguration).
 */
public final class SecureCookies {
    static final Set<String> CSRF_COOKIE_NAMES = Set.of("csrftoken", "xsrf-token");

    private final boolean sessionCookieSecure;
    private final boolean csrfCookieSecure;

    public SecureCookies(boolean sessionCookieSecure, boolean csrfCookieSecure) {
        this.sessionCookieSecure = sessionCookieSecure;
        this.csrfCookieSecure = csrfCookieSecure;
    }

    public boolean sessionCookieSecure() {
        return sessionCookieSecure;
    }

    /** Whether a cookie of this name must carry {@code Secure}. */
    boolean secure(String cookieName) {
        boolean csrf = cookieName != null && CSRF_COOKIE_NAMES.contains(cookieName.trim().toLowerCase(Locale.ROOT));
        return csrf ? csrfCookieSecure : sessionCookieSecure;
    }

    /** The response itself when neither variable is on, else a wrapper that marks cookies {@code Secure}. */
    public HttpServletResponse wrap(HttpServletResponse response) {
        return sessionCookieSecure || csrfCookieSecure ? new Wrapper(response) : response;
    }

    /** A {@code Set-Cookie} value with {@code ; Secure} appended when its cookie must be secure and is not yet. */
    String secured(String setCookie) {
        if (setCookie == null) {
            return null;
        }
        int equals = setCookie.indexOf('=');
        String name = equals < 0 ? setCookie : setCookie.substring(0, equals);
        if (!secure(name)) {
            return setCookie;
        }
        String[] attributes = setCookie.split(";");
        for (int i = 1; i < attributes.length; i++) {
            if (attributes[i].trim().equalsIgnoreCase("Secure")) {
                return setCookie;
            }
        }
        return setCookie + "; Secure";
    }

    private final class Wrapper extends HttpServletResponseWrapper {
        Wrapper(HttpServletResponse response) {
            super(response);
        }

        @Override
        public void addCookie(Cookie cookie) {
            if (secure(cookie.getName())) {
                cookie.setSecure(true);
            }
            super.addCookie(cookie);
        }

        @Override
        public void addHeader(String name, String value) {
            super.addHeader(name, isSetCookie(name) ? secured(value) : value);
        }

        @Override
        public void setHeader(String name, String value) {
            super.setHeader(name, isSetCookie(name) ? secured(value) : value);
        }

        private boolean isSetCookie(String name) {
            return "Set-Cookie".equalsIgnoreCase(name);
        }
    }
}
