package org.fractionball.lms.infrastructure.throttling;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockServletContext;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClientAddressesTest {
    private final ClientAddresses proxies = ClientAddresses.trusting("10.0.0.0/8, 192.168.1.7, fd00::/8");

    @Test
    void without_trusted_proxies_the_socket_address_is_the_client_whatever_the_header_says() {
        ClientAddresses none = ClientAddresses.trusting("");
        assertThat(none.resolve("203.0.113.9", List.of("198.51.100.1"))).isEqualTo("203.0.113.9");
        assertThat(none.resolve("10.0.0.5", List.of("198.51.100.1"))).isEqualTo("10.0.0.5");
        assertThat(none.trustsAnyProxy()).isFalse();
        assertThat(ClientAddresses.trusting(null).resolve("10.0.0.5", List.of("1.2.3.4"))).isEqualTo("10.0.0.5");
    }

    @Test
    void a_peer_that_is_not_a_trusted_proxy_cannot_choose_its_address() {
        assertThat(proxies.resolve("203.0.113.9", List.of("198.51.100.1"))).isEqualTo("203.0.113.9");
        assertThat(proxies.resolve("192.168.1.8", List.of("198.51.100.1"))).isEqualTo("192.168.1.8");
    }

    @Test
    void behind_a_trusted_proxy_the_address_it_saw_is_the_client() {
        assertThat(proxies.resolve("10.1.2.3", List.of("198.51.100.1"))).isEqualTo("198.51.100.1");
        assertThat(proxies.resolve("192.168.1.7", List.of("198.51.100.1"))).isEqualTo("198.51.100.1");
    }

    @Test
    void the_list_is_walked_from_the_right_skipping_trusted_proxies() {
        // client 198.51.100.1 -> proxy 10.0.0.2 -> proxy 10.0.0.3 (the peer)
        assertThat(proxies.resolve("10.0.0.3", List.of("198.51.100.1, 10.0.0.2"))).isEqualTo("198.51.100.1");
        // whatever the client wrote left of that is not believed
        assertThat(proxies.resolve("10.0.0.3", List.of("6.6.6.6, 198.51.100.1, 10.0.0.2")))
                .isEqualTo("198.51.100.1");
        assertThat(proxies.resolve("10.0.0.3", List.of("10.9.9.9, 6.6.6.6, 198.51.100.1")))
                .isEqualTo("198.51.100.1");
    }

    @Test
    void several_header_lines_are_one_list_in_order() {
        assertThat(proxies.resolve("10.0.0.3", List.of("6.6.6.6", "198.51.100.1", "10.0.0.2")))
                .isEqualTo("198.51.100.1");
        assertThat(proxies.resolve("10.0.0.3", List.of("6.6.6.6, 198.51.100.1", " 10.0.0.2 ,10.0.0.4")))
                .isEqualTo("198.51.100.1");
    }

    @Test
    void when_every_hop_is_a_trusted_proxy_the_leftmost_is_the_client() {
        assertThat(proxies.resolve("10.0.0.3", List.of("10.0.0.1, 10.0.0.2"))).isEqualTo("10.0.0.1");
    }

    @Test
    void a_trusted_peer_without_the_header_is_the_client() {
        assertThat(proxies.resolve("10.0.0.3", List.of())).isEqualTo("10.0.0.3");
        assertThat(proxies.resolve("10.0.0.3", List.of(" ", ","))).isEqualTo("10.0.0.3");
    }

    @Test
    void a_hop_that_is_not_an_address_ends_the_walk_at_the_last_proxy_that_vouched() {
        assertThat(proxies.resolve("10.0.0.3", List.of("unknown"))).isEqualTo("10.0.0.3");
        assertThat(proxies.resolve("10.0.0.3", List.of("198.51.100.1, evil.example.com, 10.0.0.2")))
                .isEqualTo("10.0.0.2");
        assertThat(proxies.resolve("10.0.0.3", List.of("999.1.1.1"))).isEqualTo("10.0.0.3");
    }

    @Test
    void ports_and_brackets_are_dropped() {
        assertThat(proxies.resolve("10.0.0.3", List.of("198.51.100.1:51234"))).isEqualTo("198.51.100.1");
        assertThat(proxies.resolve("10.0.0.3", List.of("[2001:db8::1]:443"))).isEqualTo("2001:db8:0:0:0:0:0:1");
    }

    @Test
    void ipv6_proxies_and_clients() {
        assertThat(proxies.resolve("fd12::5", List.of("2001:db8::7"))).isEqualTo("2001:db8:0:0:0:0:0:7");
        assertThat(proxies.resolve("fd12::5", List.of("2001:db8::7, fd00::1"))).isEqualTo("2001:db8:0:0:0:0:0:7");
        assertThat(proxies.resolve("fe80::1", List.of("2001:db8::7"))).isEqualTo("fe80::1");
    }

    @Test
    void an_ipv4_mapped_ipv6_peer_is_matched_as_ipv4() {
        assertThat(proxies.isTrusted("::ffff:10.1.1.1")).isTrue();
        assertThat(proxies.resolve("::ffff:10.1.1.1", List.of("198.51.100.1"))).isEqualTo("198.51.100.1");
    }

    @Test
    void cidr_boundaries() {
        ClientAddresses narrow = ClientAddresses.trusting("172.16.0.0/12,192.0.2.128/25");
        assertThat(narrow.isTrusted("172.16.0.1")).isTrue();
        assertThat(narrow.isTrusted("172.31.255.255")).isTrue();
        assertThat(narrow.isTrusted("172.32.0.0")).isFalse();
        assertThat(narrow.isTrusted("172.15.255.255")).isFalse();
        assertThat(narrow.isTrusted("192.0.2.128")).isTrue();
        assertThat(narrow.isTrusted("192.0.2.255")).isTrue();
        assertThat(narrow.isTrusted("192.0.2.127")).isFalse();
        assertThat(ClientAddresses.trusting("0.0.0.0/0").isTrusted("8.8.8.8")).isTrue();
        assertThat(ClientAddresses.trusting("0.0.0.0/0").isTrusted("2001:db8::1")).isFalse();
        assertThat(narrow.isTrusted("not-an-ip")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"proxy.internal", "10.0.0.0/33", "10.0.0.0/-1", "10.0.0.0/x", "fd00::/129", "1.2.3"})
    void trusted_proxies_must_be_addresses_or_ranges(String entry) {
        assertThatThrownBy(() -> ClientAddresses.trusting(entry)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(entry);
    }

    @Test
    void names_are_never_looked_up() {
        assertThat(ClientAddresses.literal("localhost")).isEmpty();
        assertThat(ClientAddresses.literal("example.com")).isEmpty();
        assertThat(ClientAddresses.literal("1")).isEmpty();
        assertThat(ClientAddresses.literal("127.1")).isEmpty();
        assertThat(ClientAddresses.literal("::1")).isPresent();
        assertThat(ClientAddresses.literal("127.0.0.1")).isPresent();
    }

    @Test
    void from_a_request_with_the_configuration_registered_on_its_servlet_context() {
        MockServletContext servletContext = new MockServletContext();
        servletContext.setAttribute(ClientAddresses.ATTRIBUTE, proxies);
        MockHttpServletRequest request = new MockHttpServletRequest(servletContext);
        request.setRemoteAddr("10.0.0.3");
        request.addHeader("X-Forwarded-For", "6.6.6.6, 198.51.100.1");
        request.addHeader("X-Forwarded-For", "10.0.0.2");

        assertThat(ClientAddresses.clientIp(request)).isEqualTo("198.51.100.1");
    }

    @Test
    void from_a_request_without_configuration_the_socket_address() {
        MockHttpServletRequest request = new MockHttpServletRequest();
        request.setRemoteAddr("10.0.0.3");
        request.addHeader("X-Forwarded-For", "198.51.100.1");

        assertThat(ClientAddresses.clientIp(request)).isEqualTo("10.0.0.3");
    }

    // The X-Forwarded-Proto side (TransportSecurity): isTrustedProxy, entries() and the start-up errors.

    @Test
    void nobody_is_trusted_by_default() {
        assertThat(ClientAddresses.trusting("").trustsAnyProxy()).isFalse();
        assertThat(ClientAddresses.trusting(null).isTrustedProxy("127.0.0.1")).isFalse();
        assertThat(ClientAddresses.none().entries()).isEqualTo("(none)");
    }

    @Test
    void addresses_and_ipv4_ranges() {
        ClientAddresses proxies = ClientAddresses.trusting("10.0.0.0/8, 192.168.1.10 ,172.16.0.0/12,100.64.0.0/10");
        assertThat(proxies.isTrustedProxy("10.1.2.3")).isTrue();
        assertThat(proxies.isTrustedProxy("11.0.0.1")).isFalse();
        assertThat(proxies.isTrustedProxy("192.168.1.10")).isTrue();
        assertThat(proxies.isTrustedProxy("192.168.1.11")).isFalse();
        assertThat(proxies.isTrustedProxy("172.31.255.255")).isTrue();
        assertThat(proxies.isTrustedProxy("172.32.0.0")).isFalse();
        assertThat(proxies.isTrustedProxy("100.127.0.1")).isTrue();
        assertThat(proxies.isTrustedProxy("100.128.0.1")).isFalse();
        assertThat(proxies.isTrustedProxy("::ffff:10.9.9.9")).as("IPv4-mapped IPv6").isTrue();
        assertThat(proxies.isTrustedProxy("not-an-address")).isFalse();
        assertThat(proxies.isTrustedProxy(null)).isFalse();
        assertThat(proxies.entries()).isEqualTo("10.0.0.0/8,192.168.1.10,172.16.0.0/12,100.64.0.0/10");
    }

    @Test
    void ipv6_addresses_and_ranges_in_any_spelling() {
        ClientAddresses proxies = ClientAddresses.trusting("::1,fd00::/8,2001:db8::7");
        assertThat(proxies.isTrustedProxy("0:0:0:0:0:0:0:1")).isTrue();
        assertThat(proxies.isTrustedProxy("fd12:3456::1")).isTrue();
        assertThat(proxies.isTrustedProxy("fe80::1")).isFalse();
        assertThat(proxies.isTrustedProxy("2001:DB8:0:0:0:0:0:7")).isTrue();
        assertThat(proxies.isTrustedProxy("127.0.0.1")).isFalse();
        assertThat(ClientAddresses.trusting("0.0.0.0/0").isTrustedProxy("203.0.113.9")).isTrue();
    }

    @Test
    void a_peer_is_matched_without_blanks_or_brackets_but_never_with_a_zone() {
        ClientAddresses proxies = ClientAddresses.trusting("10.0.0.5,::1,fe80::/10");
        assertThat(proxies.isTrustedProxy(" 10.0.0.5 ")).isTrue();
        assertThat(proxies.isTrustedProxy("[::1]")).isTrue();
        assertThat(proxies.isTrustedProxy("[10.0.0.5]")).isTrue();
        assertThat(proxies.isTrustedProxy("fe80::1")).isTrue();
        assertThat(proxies.isTrustedProxy("fe80::1%eth0")).isFalse();
        assertThat(proxies.isTrustedProxy("")).isFalse();
    }

    @Test
    void anything_but_an_address_or_range_is_refused_naming_the_variable() {
        for (String bad : new String[]{"proxy.internal", "10.0.0.0/33", "10.0.0/8", "256.1.1.1", "10.0.0.1/x",
                "::1/129", "*", "[2001:db8::7]", "[10.0.0.1]", "fe80::1%eth0", "10.0.0.0/ 8"}) {
            assertThatThrownBy(() -> ClientAddresses.trusting(bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("TRUSTED_PROXIES")
                    .hasMessageContaining(bad);
        }
    }
}
