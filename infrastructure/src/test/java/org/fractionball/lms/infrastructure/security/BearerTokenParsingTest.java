package org.fractionball.lms.infrastructure.security;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BearerTokenParsingTest {
    @Test
    void takes_the_token_of_a_bearer_header_with_the_scheme_in_any_case_and_any_blanks() {
        assertThat(BearerTokenFilter.bearerToken("Bearer abc.def.ghi")).isEqualTo("abc.def.ghi");
        assertThat(BearerTokenFilter.bearerToken("bearer abc")).isEqualTo("abc");
        assertThat(BearerTokenFilter.bearerToken("BEARER \t abc  ")).isEqualTo("abc");
        assertThat(BearerTokenFilter.bearerToken("  Bearer abc")).isEqualTo("abc");
    }

    @Test
    void leaves_anything_else_anonymous() {
        assertThat(BearerTokenFilter.bearerToken(null)).isNull();
        assertThat(BearerTokenFilter.bearerToken("")).isNull();
        assertThat(BearerTokenFilter.bearerToken("Bearer")).isNull();
        assertThat(BearerTokenFilter.bearerToken("Bearer   ")).isNull();
        assertThat(BearerTokenFilter.bearerToken("Basic abc")).isNull();
        assertThat(BearerTokenFilter.bearerToken("Bearerx abc")).isNull();
        assertThat(BearerTokenFilter.bearerToken("Token abc")).isNull();
        assertThat(BearerTokenFilter.bearerToken("Bearer abc def")).isNull();
        assertThat(BearerTokenFilter.bearerToken("abc")).isNull();
    }
}
