package org.fractionball.lms.infrastructure.security.hardening;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AllowedHostsTest {

    @Test
    void the_default_allows_the_loopback_names_with_any_port_and_nothing_else() {
        AllowedHosts hosts = AllowedHosts.parse(null);
        assertThat(AllowedHosts.parse("  ").patterns()).isEqualTo(hosts.patterns());
        assertThat(hosts.patterns()).containsExactly(".localhost", "127.0.0.1", "[::1]");
        assertThat(hosts.allowsAnyHost()).isFalse();
        for (String host : new String[]{"localhost", "localhost:8000", "LOCALHOST:8000", "app.localhost:3000",
                "127.0.0.1", "127.0.0.1:54321", "[::1]", "[::1]:8000", "localhost."}) {
            assertThat(hosts.allows(host)).as(host).isTrue();
        }
        for (String host : new String[]{"example.com", "127.0.0.2", "127.0.0.1.nip.io", "localhost.evil.com",
                "evillocalhost", "[::2]:8000", "0.0.0.0"}) {
            assertThat(hosts.allows(host)).as(host).isFalse();
        }
    }

    @Test
    void a_leading_dot_matches_the_domain_and_its_subdomains_an_exact_name_only_itself() {
        AllowedHosts hosts = AllowedHosts.parse(" api.example.com , .fractionball.org,");
        assertThat(hosts.patterns()).containsExactly("api.example.com", ".fractionball.org");
        assertThat(hosts.allows("api.example.com")).isTrue();
        assertThat(hosts.allows("API.Example.COM:443")).isTrue();
        assertThat(hosts.allows("www.api.example.com")).isFalse();
        assertThat(hosts.allows("example.com")).isFalse();
        assertThat(hosts.allows("fractionball.org")).isTrue();
        assertThat(hosts.allows("lms.fractionball.org:8443")).isTrue();
        assertThat(hosts.allows("a.b.fractionball.org")).isTrue();
        assertThat(hosts.allows("evilfractionball.org")).isFalse();
        assertThat(hosts.allows("fractionball.org.evil.com")).isFalse();
        assertThat(hosts.allows("localhost")).as("an explicit list replaces the default").isFalse();
    }

    @Test
    void patterns_ignore_case_and_a_pattern_with_a_port_never_matches_as_in_django() {
        AllowedHosts hosts = AllowedHosts.parse("API.Example.com,example.org:8000");
        assertThat(hosts.allows("api.example.com")).isTrue();
        assertThat(hosts.allows("example.org:8000")).isFalse();
    }

    @Test
    void the_wildcard_matches_any_well_formed_host_but_no_malformed_one() {
        AllowedHosts any = AllowedHosts.parse("*");
        assertThat(any.allowsAnyHost()).isTrue();
        assertThat(any.allows("anything.example")).isTrue();
        assertThat(any.allows("[2001:db8::1]:443")).isTrue();
        for (String malformed : new String[]{null, "", "evil.com@127.0.0.1", "a b", "host:port", "host:80:80",
                "exa_mple.com", "[::1", "::1", "host/path", "host\r\nX-Injected: 1", "127.0.0.1:8000 "}) {
            assertThat(any.allows(malformed)).as(String.valueOf(malformed)).isFalse();
        }
    }

    @Test
    void the_domain_of_a_host_header_drops_port_case_and_trailing_dot() {
        assertThat(AllowedHosts.domainOf("Example.COM.:8080")).isEqualTo("example.com");
        assertThat(AllowedHosts.domainOf("[::1]:8000")).isEqualTo("[::1]");
        assertThat(AllowedHosts.domainOf("[FE80::1]")).isEqualTo("[fe80::1]");
        assertThat(AllowedHosts.domainOf("bad host")).isEmpty();
    }
}
