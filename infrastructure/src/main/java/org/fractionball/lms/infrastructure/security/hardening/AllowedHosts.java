package org.fractionball.lms.infrastructure.security.hardening;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ALLOWED_HOSTS} with Django's meaning: a comma-separated list of host names; an entry
 * starting with a dot ({@code .example.com}) matches the domain and every subdomain, {@code *}
 * matches any (well-formed) host; matching ignores case and the port, and a trailing dot of the
 * requested host. A Host header that is not a syntactically valid host never matches, not even
 * {@code *} (Django's {@code split_domain_port}).
 *
 * <p>Unset or blank: {@link #DEFAULT}, the loopback names, whatever DEBUG says. Django allows
 * {@code .localhost, 127.0.0.1, [::1]} only with DEBUG on and nothing with DEBUG off; here the
 * loopback names are always allowed (a local run answers on any profile) and {@code *} is never a
 * default: with DEBUG the development sign-in is on, and accepting any Host would open it to DNS
 * rebinding from any web page the developer visits.
 */
public final class AllowedHosts {
    public static final String VARIABLE = "ALLOWED_HOSTS";
    public static final String DEFAULT = ".localhost,127.0.0.1,[::1]";

    /** Django's {@code host_validation_re}: a DNS-ish name or a bracketed IPv6 literal, optional port. */
    private static final Pattern HOST = Pattern.compile("([a-z0-9.-]+|\\[[a-f0-9]*:[a-f0-9.:]+\\])(:[0-9]+)?");

    private final List<String> patterns;

    private AllowedHosts(List<String> patterns) {
        this.patterns = patterns;
    }

    /** The comma-separated variable; {@code null} or blank means {@link #DEFAULT}. */
    public static AllowedHosts parse(String commaSeparated) {
        String value = commaSeparated == null || commaSeparated.isBlank() ? DEFAULT : commaSeparated;
        List<String> patterns = Arrays.stream(value.split(","))
                .map(String::trim)
                .filter(entry -> !entry.isEmpty())
                .map(entry -> entry.toLowerCase(Locale.ROOT))
                .toList();
        return new AllowedHosts(patterns);
    }

    public List<String> patterns() {
        return patterns;
    }

    /** Whether the list contains the wildcard {@code *} (refused in deployments, see DeploymentSafety). */
    public boolean allowsAnyHost() {
        return patterns.contains("*");
    }

    /** Whether a request with this {@code Host} header value (port included or not) is served. */
    public boolean allows(String hostHeader) {
        String domain = domainOf(hostHeader);
        if (domain.isEmpty()) {
            return false;
        }
        for (String pattern : patterns) {
            if (pattern.equals("*") || sameDomain(domain, pattern)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The host part of a {@code Host} header, lower-cased and without port or trailing dot, or
     * {@code ""} when the header is missing or malformed.
     */
    static String domainOf(String hostHeader) {
        if (hostHeader == null) {
            return "";
        }
        Matcher matcher = HOST.matcher(hostHeader.toLowerCase(Locale.ROOT));
        if (!matcher.matches()) {
            return "";
        }
        String domain = matcher.group(1);
        return domain.endsWith(".") ? domain.substring(0, domain.length() - 1) : domain;
    }

    /** Django's {@code is_same_domain}: {@code .example.com} matches example.com and its subdomains. */
    private static boolean sameDomain(String host, String pattern) {
        if (pattern.startsWith(".")) {
            return host.endsWith(pattern) || host.equals(pattern.substring(1));
        }
        return host.equals(pattern);
    }

    @Override
    public String toString() {
        return String.join(",", patterns);
    }
}
