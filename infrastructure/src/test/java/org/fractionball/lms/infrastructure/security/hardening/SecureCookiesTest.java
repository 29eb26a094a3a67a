package org.fractionball.lms.infrastructure.security.hardening;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletResponse;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SecureCookiesTest {

    /** Records the Set-Cookie header values as they reach the container's response, and the cookies added. */
    private static final class Recording extends HttpServletResponseWrapper {
        final List<String> setCookies = new ArrayList<>();
        final List<Cookie> cookies = new ArrayList<>();

        Recording() {
            super(new MockHttpServletResponse());
        }

        @Override
        public void addCookie(Cookie cookie) {
            cookies.add(cookie);
        }

        @Override
        public void addHeader(String name, String value) {
            setCookies.add(value);
        }

        @Override
        public void setHeader(String name, String value) {
            setCookies.add(value);
        }

        Cookie cookie(String name) {
            return cookies.stream().filter(c -> c.getName().equals(name)).findFirst().orElseThrow();
        }
    }

    @Test
    void off_by_default_the_response_is_not_even_wrapped() {
        MockHttpServletResponse response = new MockHttpServletResponse();
        assertThat(new SecureCookies(false, false).wrap(response)).isSameAs(response);
    }

    @Test
    void session_cookie_secure_marks_every_cookie_but_the_csrf_one() {
        Recording response = new Recording();
        HttpServletResponse wrapped = new SecureCookies(true, false).wrap(response);
        wrapped.addCookie(new Cookie("sessionid", "abc"));
        wrapped.addCookie(new Cookie("csrftoken", "t"));
        wrapped.addHeader("Set-Cookie", "messages=x; Path=/; HttpOnly");
        wrapped.setHeader("Set-Cookie", "XSRF-TOKEN=t; Path=/");
        assertThat(response.cookie("sessionid").getSecure()).isTrue();
        assertThat(response.cookie("csrftoken").getSecure()).isFalse();
        assertThat(response.setCookies).containsExactly("messages=x; Path=/; HttpOnly; Secure", "XSRF-TOKEN=t; Path=/");
    }

    @Test
    void csrf_cookie_secure_marks_the_csrf_cookie_only() {
        Recording response = new Recording();
        HttpServletResponse wrapped = new SecureCookies(false, true).wrap(response);
        wrapped.addCookie(new Cookie("csrftoken", "t"));
        wrapped.addCookie(new Cookie("sessionid", "abc"));
        wrapped.setHeader("Set-Cookie", "XSRF-TOKEN=t; Path=/");
        wrapped.addHeader("Set-Cookie", "JSESSIONID=s; Path=/");
        wrapped.addHeader("X-Other", "csrftoken=1");
        assertThat(response.cookie("csrftoken").getSecure()).isTrue();
        assertThat(response.cookie("sessionid").getSecure()).isFalse();
        assertThat(response.setCookies).containsExactly("XSRF-TOKEN=t; Path=/; Secure", "JSESSIONID=s; Path=/",
                "csrftoken=1");
    }

    @Test
    void an_already_secure_cookie_is_left_as_it_is() {
        SecureCookies cookies = new SecureCookies(true, true);
        assertThat(cookies.secured("a=b; secure; Path=/")).isEqualTo("a=b; secure; Path=/");
        assertThat(cookies.secured("a=b;Secure")).isEqualTo("a=b;Secure");
        assertThat(cookies.secured("a=b")).isEqualTo("a=b; Secure");
    }
}
