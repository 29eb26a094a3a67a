package org.fractionball.lms.infrastructure.security.hardening;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.web.firewall.RequestRejectedException;

import java.util.Random;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RequestFirewallTest {
    /** Spring Security's own rule for header and parameter names and values. */
    private static final Pattern SPRING = Pattern.compile("[\\p{IsAssigned}&&[^\\p{IsControl}]]*");

    @Test
    void answers_as_spring_securitys_expression_for_every_code_point() {
        for (int codePoint = 0; codePoint <= Character.MAX_CODE_POINT; codePoint++) {
            String text = "a" + new String(Character.toChars(codePoint)) + "z";
            assertThat(RequestFirewall.assignedAndNotControl(text)).as("U+%04X", codePoint)
                    .isEqualTo(SPRING.matcher(text).matches());
        }
    }

    @Test
    void answers_as_spring_securitys_expression_on_random_text_with_lone_surrogates() {
        Random random = new Random(7);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder text = new StringBuilder();
            for (int j = random.nextInt(12); j > 0; j--) {
                text.append((char) (random.nextBoolean() ? 0x20 + random.nextInt(0x60) : random.nextInt(0x10000)));
            }
            assertThat(RequestFirewall.assignedAndNotControl(text.toString())).as(text.toString())
                    .isEqualTo(SPRING.matcher(text).matches());
        }
    }

    @Test
    void the_firewall_refuses_a_control_character_in_a_header_and_passes_a_bearer_token() {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/library/videos/");
        request.addHeader("Authorization", "Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ0In0.c2ln");
        request.addHeader("X-Bad", "line\u0007bell");
        var firewalled = RequestFirewall.strict().getFirewalledRequest(request);

        assertThat(firewalled.getHeader("Authorization")).isEqualTo("Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ0In0.c2ln");
        assertThatThrownBy(() -> firewalled.getHeader("X-Bad")).isInstanceOf(RequestRejectedException.class);
    }
}
