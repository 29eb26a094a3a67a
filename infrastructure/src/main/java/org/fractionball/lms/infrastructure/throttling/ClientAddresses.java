package org.fractionball.lms.infrastructure.throttling;

import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The address of the client a request comes from. {@code X-Forwarded-For} is believed only when
 * the immediate peer is one of the trusted proxies ({@code TRUSTED_PROXIES} /
 * {@code lms.trusted-proxies}: comma-separated IP addresses or CIDR ranges, empty by default).
 * Then the list is walked from the right, skipping addresses that are trusted proxies themselves,
 * and the first other address is the client. Anything else a client sends in the header is
 * ignored, so a client cannot pick its own address (and with it its own throttle bucket).
 *
 * <p>{@link #clientIp(HttpServletRequest)} reads the configuration the application registered
 * on the servlet context, so any filter can call it without being a Spring bean.
 */
public final class ClientAddresses {
    /** The servlet-context attribute under which the application's configuration is kept. */
    public static final String ATTRIBUTE = ClientAddresses.class.getName();
    public static final String FORWARDED_FOR = "X-Forwarded-For";
    /** The environment variable that configures the trusted proxies. */
    public static final String VARIABLE = "TRUSTED_PROXIES";

    private static final ClientAddresses NO_PROXIES = new ClientAddresses(List.of());
    private static final Pattern IPV4 = Pattern.compile(
            "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern IPV6_CHARACTERS = Pattern.compile("[0-9A-Fa-f:.]+");

    private final List<Range> trusted;

    private ClientAddresses(List<Range> trusted) {
        this.trusted = List.copyOf(trusted);
    }

    /** No trusted proxies. */
    public static ClientAddresses none() {
        return NO_PROXIES;
    }

    /**
     * The trusted proxies written as {@code TRUSTED_PROXIES} is: comma-separated addresses or CIDR
     * ranges ({@code 10.0.0.0/8, 192.168.1.7, fd00::/8}); blank for none.
     *
     * @throws IllegalArgumentException for an entry that is neither
     */
    public static ClientAddresses trusting(String trustedProxies) {
        List<Range> ranges = new ArrayList<>();
        if (trustedProxies != null) {
            for (String entry : trustedProxies.split(",")) {
                if (!entry.isBlank()) {
                    ranges.add(Range.parse(entry.trim()));
                }
            }
        }
        return new ClientAddresses(ranges);
    }

    /** The client address of {@code request}, by the configuration registered on its servlet context. */
    public static String clientIp(HttpServletRequest request) {
        ServletContext servletContext = request.getServletContext();
        Object configured = servletContext == null ? null : servletContext.getAttribute(ATTRIBUTE);
        return (configured instanceof ClientAddresses addresses ? addresses : NO_PROXIES).resolve(request);
    }

    /** The client address of {@code request} by this configuration. */
    public String resolve(HttpServletRequest request) {
        Enumeration<String> headers = request.getHeaders(FORWARDED_FOR);
        return resolve(request.getRemoteAddr(), headers == null ? List.of() : Collections.list(headers));
    }

    /**
     * The client address of a request whose socket peer is {@code peer} and which carried the
     * given {@code X-Forwarded-For} header lines (in order; each may hold a comma-separated list).
     */
    public String resolve(String peer, List<String> forwardedFor) {
        if (peer == null || !isTrusted(peer) || forwardedFor.isEmpty()) {
            return peer;
        }
        List<String> hops = new ArrayList<>();
        for (String line : forwardedFor) {
            if (line != null) {
                for (String hop : line.split(",")) {
                    if (!hop.isBlank()) {
                        hops.add(hop.trim());
                    }
                }
            }
        }
        String nearest = peer;
        for (int i = hops.size() - 1; i >= 0; i--) {
            Optional<InetAddress> hop = literal(withoutPort(hops.get(i)));
            if (hop.isEmpty()) {
                // written by a client, not by a proxy: the last address a trusted proxy vouched for stands
                return nearest;
            }
            nearest = hop.get().getHostAddress();
            if (!isTrusted(hop.get())) {
                return nearest;
            }
        }
        return nearest;
    }

    /**
     * True when {@code address}, a request's socket peer as {@code HttpServletRequest#getRemoteAddr()}
     * gives it, is one of the trusted proxies: surrounding blanks and brackets ({@code [::1]}) are
     * dropped; a zone ({@code fe80::1%eth0}) or anything else that is not an IP literal never is one.
     */
    public boolean isTrustedProxy(String address) {
        if (address == null) {
            return false;
        }
        String value = address.trim();
        if (value.startsWith("[") && value.endsWith("]")) {
            value = value.substring(1, value.length() - 1);
        }
        return value.indexOf('%') < 0 && isTrusted(value);
    }

    /** True when {@code address} (an IP literal) is one of the trusted proxies. */
    public boolean isTrusted(String address) {
        return !trusted.isEmpty() && literal(address).map(this::isTrusted).orElse(false);
    }

    private boolean isTrusted(InetAddress address) {
        for (Range range : trusted) {
            if (range.contains(address)) {
                return true;
            }
        }
        return false;
    }

    public boolean trustsAnyProxy() {
        return !trusted.isEmpty();
    }

    /** The entries as configured, comma-separated, or {@code (none)}. */
    public String entries() {
        return trusted.isEmpty() ? "(none)" : String.join(",", trusted.stream().map(Range::text).toList());
    }

    @Override
    public String toString() {
        return trusted.isEmpty() ? "no trusted proxies" : "trusted proxies " + trusted;
    }

    /** {@code 1.2.3.4:5678} → {@code 1.2.3.4}, {@code [::1]:80} → {@code ::1}; anything else as is. */
    static String withoutPort(String hop) {
        if (hop.startsWith("[")) {
            int end = hop.indexOf(']');
            return end < 0 ? hop : hop.substring(1, end);
        }
        int colon = hop.indexOf(':');
        if (colon > 0 && colon == hop.lastIndexOf(':') && IPV4.matcher(hop.substring(0, colon)).matches()) {
            return hop.substring(0, colon);
        }
        return hop;
    }

    /** The address {@code text} spells as an IP literal, never by a name lookup; empty when it is none. */
    static Optional<InetAddress> literal(String text) {
        if (text == null || text.isEmpty()) {
            return Optional.empty();
        }
        String address = text;
        if (address.contains(":")) {
            int zone = address.indexOf('%');
            if (zone >= 0) {
                address = address.substring(0, zone);
            }
            if (!IPV6_CHARACTERS.matcher(address).matches()) {
                return Optional.empty();
            }
        } else if (!IPV4.matcher(address).matches()) {
            return Optional.empty();
        }
        try {
            // a literal (checked above) is parsed, not resolved
            return Optional.of(InetAddress.getByName(address));
        } catch (UnknownHostException invalid) {
            return Optional.empty();
        }
    }

    /** An address or a CIDR range. */
    private record Range(byte[] network, int prefixLength, String text) {

        /** An address, or an address and a prefix length, both written plainly: no zone, no blanks around the prefix. */
        static Range parse(String text) {
            int slash = text.indexOf('/');
            String address = slash < 0 ? text : text.substring(0, slash);
            if (address.indexOf('%') >= 0) {
                throw invalid(text);
            }
            byte[] bytes = literal(address).orElseThrow(() -> invalid(text)).getAddress();
            int bits = bytes.length * 8;
            int prefix = bits;
            if (slash >= 0) {
                try {
                    prefix = Integer.parseInt(text.substring(slash + 1));
                } catch (NumberFormatException e) {
                    throw invalid(text);
                }
                if (prefix < 0 || prefix > bits) {
                    throw invalid(text);
                }
            }
            return new Range(bytes, prefix, text);
        }

        private static IllegalArgumentException invalid(String text) {
            return new IllegalArgumentException(VARIABLE + ": '" + text
                    + "' is not an IP address or CIDR range (e.g. 10.0.0.0/8, 192.168.1.10, fd00::/8)");
        }

        boolean contains(InetAddress address) {
            byte[] candidate = address.getAddress();
            if (candidate.length != network.length) {
                return false;
            }
            int whole = prefixLength / 8;
            for (int i = 0; i < whole; i++) {
                if (candidate[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefixLength % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xFF << (8 - rest)) & 0xFF;
            return (candidate[whole] & mask) == (network[whole] & mask);
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
