package org.fractionball.lms.infrastructure.throttling;

import org.fractionball.lms.events.shared.Caller;
import org.springframework.util.AntPathMatcher;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which limits a request counts against: the scoped limit of its path, if any (library, upload,
 * sign-in, administration), and always the general one (per user when authenticated, per client
 * address when anonymous). A request passes only when every one of them has a token. Health,
 * the API description and actuator paths are never throttled.
 */
public final class ThrottleRules {
    static final List<String> EXEMPT = List.of("/api/healthz/", "/api/readyz/", "/api/schema/**", "/api/docs/**", "/api/redoc/**",
            "/actuator/**");
    static final List<String> LIBRARY = List.of("/api/library/**");
    static final List<String> UPLOAD = List.of("/api/uploads/**", "/api/bulk/upload/");
    /** Sign-in paths: the development sign-in and any later one, wherever it is mounted. */
    static final List<String> DEFAULT_AUTH = List.of("/api/dev/sign-in/", "/api/auth/**", "/api/**/sign-in/**",
            "/api/**/signin/**", "/api/**/login/**");
    static final List<String> ADMIN = List.of("/api/admin/**", "/api/config/**");
    static final List<String> PUBLIC_CONFIG = List.of("/api/config/public/**");

    /** One bucket a request must take a token from. */
    public record Limit(ThrottleScope scope, ThrottleRate rate, String key) {
    }

    private final Map<ThrottleScope, ThrottleRate> rates;
    private final List<String> authPaths;
    private final String keyPrefix;
    private final AntPathMatcher paths = new AntPathMatcher();

    /**
     * @param rates     the rate of each scope; a scope without one is not limited
     * @param authPaths the sign-in paths (Ant patterns) the {@code auth} rate applies to
     * @param keyPrefix the prefix of every bucket key (the application's Redis key prefix)
     */
    public ThrottleRules(Map<ThrottleScope, ThrottleRate> rates, List<String> authPaths, String keyPrefix) {
        this.rates = rates.isEmpty() ? new EnumMap<>(ThrottleScope.class) : new EnumMap<>(rates);
        this.authPaths = List.copyOf(authPaths);
        this.keyPrefix = keyPrefix == null ? "" : keyPrefix;
    }

    public Optional<ThrottleRate> rate(ThrottleScope scope) {
        return Optional.ofNullable(rates.get(scope));
    }

    /** True for paths that are never throttled. */
    public boolean exempt(String path) {
        return matchesAny(EXEMPT, path);
    }

    /** The scoped limit a path belongs to, if any. */
    public Optional<ThrottleScope> scopeOf(String path) {
        if (matchesAny(LIBRARY, path)) {
            return Optional.of(ThrottleScope.LIBRARY);
        }
        if (matchesAny(UPLOAD, path)) {
            return Optional.of(ThrottleScope.UPLOAD);
        }
        if (matchesAny(authPaths, path)) {
            return Optional.of(ThrottleScope.AUTH);
        }
        if (matchesAny(ADMIN, path) && !matchesAny(PUBLIC_CONFIG, path)) {
            return Optional.of(ThrottleScope.ADMIN);
        }
        return Optional.empty();
    }

    /**
     * The buckets a request to {@code path} by {@code caller} (null when anonymous) from
     * {@code clientIp} takes a token from, the scoped one first; empty when it is not throttled.
     */
    public List<Limit> limitsFor(String path, Caller caller, String clientIp) {
        if (path == null || exempt(path)) {
            return List.of();
        }
        List<Limit> limits = new ArrayList<>(2);
        scopeOf(path).ifPresent(scope -> add(limits, scope, caller, clientIp));
        add(limits, caller == null ? ThrottleScope.ANON : ThrottleScope.USER, caller, clientIp);
        return limits;
    }

    private void add(List<Limit> limits, ThrottleScope scope, Caller caller, String clientIp) {
        ThrottleRate rate = rates.get(scope);
        if (rate == null) {
            return;
        }
        String who = scope.perUser() && caller != null ? "user:" + caller.userId()
                : "ip:" + (clientIp == null || clientIp.isBlank() ? "unknown" : clientIp);
        limits.add(new Limit(scope, rate, keyPrefix + "throttle:" + scope.tag() + ":" + rate.keyPart() + ":" + who));
    }

    private boolean matchesAny(List<String> patterns, String path) {
        for (String pattern : patterns) {
            if (paths.match(pattern, path)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        for (ThrottleScope scope : ThrottleScope.values()) {
            ThrottleRate rate = rates.get(scope);
            text.append(text.isEmpty() ? "" : ", ").append(scope.tag()).append(' ')
                    .append(rate == null ? "unlimited" : rate.limit() + "/" + rate.period().toSeconds() + "s");
        }
        return text.toString();
    }
}
