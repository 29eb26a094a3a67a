package org.fractionball.lms.infrastructure.security.hardening;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.CorsUtils;
import org.springframework.web.cors.DefaultCorsProcessor;
import org.springframework.web.filter.CorsFilter;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * CORS as django-cors-headers did it (contract §0.8): origins from {@code CORS_ALLOWED_ORIGINS}
 * (exact {@code scheme://host[:port]}), credentials allowed, the methods and request headers
 * below, {@code X-Request-Id}, {@code X-Event-Position} and {@code Retry-After} exposed, preflights
 * cached for a day.
 *
 * <p>Like django-cors-headers, a disallowed origin is not refused, it just gets no CORS headers:
 * the browser then withholds the response from the page. Requests carry on (a same-origin call
 * behind a TLS-terminating proxy looks cross-origin to the server and must not be refused), and a
 * preflight ({@code OPTIONS} with {@code Access-Control-Request-Method}) is answered 200 without
 * authentication for any origin, with the CORS headers only for an allowed one. Spring's default
 * would answer 403 to both.
 */
public final class CorsPolicy {
    public static final String VARIABLE = "CORS_ALLOWED_ORIGINS";
    public static final String DEFAULT_ORIGINS = "http://localhost:3000,http://127.0.0.1:8000";
    public static final List<String> METHODS = List.of("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");
    public static final List<String> REQUEST_HEADERS = List.of("authorization", "content-type", "x-csrftoken",
            "x-requested-with", "x-request-id", "x-correlation-id", "x-min-position", "idempotency-key");
    public static final List<String> EXPOSED_HEADERS = List.of("X-Request-Id", "X-Event-Position", "Retry-After");
    static final long MAX_AGE_SECONDS = 86400;

    private static final Pattern ORIGIN = Pattern.compile("https?://[^/?#\\s*]+", Pattern.CASE_INSENSITIVE);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final CorsConfiguration configuration;

    private CorsPolicy(List<String> origins) {
        CorsConfiguration configuration = new CorsConfiguration();
        configuration.setAllowedOrigins(origins);
        configuration.setAllowedMethods(METHODS);
        configuration.setAllowedHeaders(REQUEST_HEADERS);
        configuration.setExposedHeaders(EXPOSED_HEADERS);
        configuration.setAllowCredentials(true);
        configuration.setMaxAge(MAX_AGE_SECONDS);
        this.configuration = configuration;
    }

    /**
     * @param commaSeparated the variable; null or blank means {@link #DEFAULT_ORIGINS}
     * @throws IllegalArgumentException for an entry that is not {@code http(s)://host[:port]}
     *                                  ({@code *} included: it cannot go with credentials)
     */
    public static CorsPolicy parse(String commaSeparated) {
        String value = commaSeparated == null || commaSeparated.isBlank() ? DEFAULT_ORIGINS : commaSeparated;
        List<String> origins = new ArrayList<>();
        for (String raw : value.split(",")) {
            String origin = raw.trim();
            if (origin.endsWith("/")) {
                origin = origin.substring(0, origin.length() - 1);
            }
            if (origin.isEmpty()) {
                continue;
            }
            if (!ORIGIN.matcher(origin).matches()) {
                throw new IllegalArgumentException(VARIABLE + ": '" + raw.trim() + "' is not an origin "
                        + "(scheme://host[:port], e.g. https://app.example.com); '*' is not allowed because "
                        + "credentials are");
            }
            origins.add(origin);
        }
        return new CorsPolicy(List.copyOf(origins));
    }

    public List<String> allowedOrigins() {
        return configuration.getAllowedOrigins();
    }

    /** The configuration for a request from an allowed origin, null for any other request. */
    public CorsConfigurationSource source() {
        return request -> {
            String origin = request.getHeader(HttpHeaders.ORIGIN);
            return origin != null && configuration.checkOrigin(origin) != null ? configuration : null;
        };
    }

    /** The filter for the security chain (placed where Spring Security puts its CORS filter). */
    public CorsFilter filter() {
        CorsFilter filter = new CorsFilter(source());
        filter.setCorsProcessor(new Processor());
        return filter;
    }

    private static final class Processor extends DefaultCorsProcessor {
        @Override
        public boolean processRequest(CorsConfiguration config, HttpServletRequest request,
                                      HttpServletResponse response) throws IOException {
            if (config == null && CorsUtils.isPreFlightRequest(request)) {
                response.addHeader(HttpHeaders.VARY, HttpHeaders.ORIGIN);
                return false; // answered: 200, empty, no CORS headers
            }
            return super.processRequest(config, request, response);
        }

        /** Malformed origins, or a method or header outside the lists: 403 in the contract's JSON. */
        @Override
        protected void rejectRequest(ServerHttpResponse response) throws IOException {
            response.setStatusCode(HttpStatus.FORBIDDEN);
            response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
            response.getBody().write(JSON.writeValueAsBytes(Map.of("detail", "Invalid CORS request.")));
            response.flush();
        }
    }

    @Override
    public String toString() {
        return String.join(",", configuration.getAllowedOrigins());
    }
}
