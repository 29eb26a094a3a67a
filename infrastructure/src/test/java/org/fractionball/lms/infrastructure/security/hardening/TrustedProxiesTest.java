package org.fractionball.lms.infrastructure.security.hardening;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TrustedProxiesTest {

    @Test
    void nobody_is_trusted_by_default() {
        assertThat(TrustedProxies.parse("").isEmpty()).isTrue();
        assertThat(TrustedProxies.parse(null).contains("127.0.0.1")).isFalse();
        assertThat(TrustedProxies.none().toString()).isEqualTo("(none)");
    }

    @Test
    void addresses_and_ipv4_ranges() {
        TrustedProxies proxies = TrustedProxies.parse("10.0.0.0/8, 192.168.1.10 ,172.16.0.0/12,100.64.0.0/10");
        assertThat(proxies.contains("10.1.2.3")).isTrue();
        assertThat(proxies.contains("11.0.0.1")).isFalse();
        assertThat(proxies.contains("192.168.1.10")).isTrue();
        assertThat(proxies.contains("192.168.1.11")).isFalse();
        assertThat(proxies.contains("172.31.255.255")).isTrue();
        assertThat(proxies.contains("172.32.0.0")).isFalse();
        assertThat(proxies.contains("100.127.0.1")).isTrue();
        assertThat(proxies.contains("100.128.0.1")).isFalse();
        assertThat(proxies.contains("::ffff:10.9.9.9")).as("IPv4-mapped IPv6").isTrue();
        assertThat(proxies.contains("not-an-address")).isFalse();
        assertThat(proxies.contains(null)).isFalse();
        assertThat(proxies.toString()).isEqualTo("10.0.0.0/8,192.168.1.10,172.16.0.0/12,100.64.0.0/10");
    }

    @Test
    void ipv6_addresses_and_ranges_in_any_spelling() {
        TrustedProxies proxies = TrustedProxies.parse("::1,fd00::/8,[2001:db8::7]");
        assertThat(proxies.contains("0:0:0:0:0:0:0:1")).isTrue();
        assertThat(proxies.contains("fd12:3456::1")).isTrue();
        assertThat(proxies.contains("fe80::1")).isFalse();
        assertThat(proxies.contains("2001:DB8:0:0:0:0:0:7")).isTrue();
        assertThat(proxies.contains("127.0.0.1")).isFalse();
        assertThat(TrustedProxies.parse("0.0.0.0/0").contains("203.0.113.9")).isTrue();
    }

    @Test
    void anything_but_an_address_or_range_is_refused_naming_the_variable() {
        for (String bad : new String[]{"proxy.internal", "10.0.0.0/33", "10.0.0/8", "256.1.1.1", "10.0.0.1/x",
                "::1/129", "*"}) {
            assertThatThrownBy(() -> TrustedProxies.parse(bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("TRUSTED_PROXIES")
                    .hasMessageContaining(bad);
        }
    }
}
