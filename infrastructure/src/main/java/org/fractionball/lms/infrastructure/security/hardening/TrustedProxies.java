package org.fractionball.lms.infrastructure.security.hardening;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code TRUSTED_PROXIES}: comma-separated IP addresses and CIDR ranges (IPv4 or IPv6) of the
 * reverse proxies whose {@code X-Forwarded-Proto} is believed. Empty (the default) trusts nobody.
 * Only literals are accepted: parsing never does a DNS lookup.
 */
public final class TrustedProxies {
    public static final String VARIABLE = "TRUSTED_PROXIES";

    private static final Pattern IPV4 = Pattern.compile(
            "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern IPV6_CHARACTERS = Pattern.compile("[0-9a-fA-F:.]+");

    private final List<Range> ranges;
    private final List<String> entries;

    private TrustedProxies(List<Range> ranges, List<String> entries) {
        this.ranges = ranges;
        this.entries = entries;
    }

    public static TrustedProxies none() {
        return new TrustedProxies(List.of(), List.of());
    }

    /** @throws IllegalArgumentException naming the variable and the entry that is not an address or range */
    public static TrustedProxies parse(String commaSeparated) {
        if (commaSeparated == null || commaSeparated.isBlank()) {
            return none();
        }
        List<Range> ranges = new ArrayList<>();
        List<String> entries = new ArrayList<>();
        for (String raw : commaSeparated.split(",")) {
            String entry = raw.trim();
            if (!entry.isEmpty()) {
                ranges.add(range(entry));
                entries.add(entry);
            }
        }
        return new TrustedProxies(List.copyOf(ranges), List.copyOf(entries));
    }

    public boolean isEmpty() {
        return ranges.isEmpty();
    }

    /** Whether {@code address} (a literal such as {@code HttpServletRequest#getRemoteAddr()}) is a trusted proxy. */
    public boolean contains(String address) {
        if (ranges.isEmpty() || address == null) {
            return false;
        }
        byte[] bytes = literal(address.trim());
        if (bytes == null) {
            return false;
        }
        for (Range range : ranges) {
            if (range.contains(bytes)) {
                return true;
            }
        }
        return false;
    }

    private static Range range(String entry) {
        int slash = entry.indexOf('/');
        String address = slash < 0 ? entry : entry.substring(0, slash);
        byte[] network = literal(address);
        if (network == null) {
            throw invalid(entry);
        }
        int bits = network.length * 8;
        int prefix = bits;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(entry.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw invalid(entry);
            }
            if (prefix < 0 || prefix > bits) {
                throw invalid(entry);
            }
        }
        return new Range(network, prefix);
    }

    private static IllegalArgumentException invalid(String entry) {
        return new IllegalArgumentException(VARIABLE + ": '" + entry
                + "' is not an IP address or CIDR range (e.g. 10.0.0.0/8, 192.168.1.10, fd00::/8)");
    }

    /** The bytes of an IPv4 or IPv6 literal (IPv4-mapped IPv6 as IPv4), or null; never resolves names. */
    static byte[] literal(String text) {
        String value = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        if (IPV4.matcher(value).matches()) {
            String[] parts = value.split("\\.");
            byte[] bytes = new byte[4];
            for (int i = 0; i < 4; i++) {
                bytes[i] = (byte) Integer.parseInt(parts[i]);
            }
            return bytes;
        }
        if (value.indexOf(':') >= 0 && IPV6_CHARACTERS.matcher(value).matches()) {
            try {
                // a string with ':' is parsed as an IPv6 literal or refused; it is never looked up
                return InetAddress.getByName(value).getAddress();
            } catch (UnknownHostException e) {
                return null;
            }
        }
        return null;
    }

    private record Range(byte[] network, int prefix) {
        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int whole = prefix / 8;
            for (int i = 0; i < whole; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (address[whole] & mask) == (network[whole] & mask);
        }
    }

    @Override
    public String toString() {
        return entries.isEmpty() ? "(none)" : String.join(",", entries);
    }
}
