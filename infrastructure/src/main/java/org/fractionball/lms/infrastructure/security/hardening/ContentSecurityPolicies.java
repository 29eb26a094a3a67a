package org.fractionball.lms.infrastructure.security.hardening;

/**
 * The {@code Content-Security-Policy} of a response, by path (D27).
 *
 * <p>API responses (JSON, the schema) are never rendered as documents, so they get a policy that
 * allows nothing at all. The two documentation pages are real HTML applications served from this
 * origin: Swagger UI (springdoc 2.8 / swagger-ui 5: {@code index.html} loads its bundle, preset and
 * {@code swagger-initializer.js} from files, no inline script) and ReDoc ({@code /redoc/index.html}
 * loads {@code redoc.standalone.js}, no inline script). Neither needs {@code 'unsafe-inline'}
 * scripts nor {@code 'unsafe-eval'} (their bundles only fall back to {@code Function("return this")}
 * when {@code globalThis} is missing). ReDoc injects {@code <style>} elements (styled-components),
 * runs its search index in a worker created from a {@code blob:} URL and uses {@code data:} images;
 * Swagger UI's stylesheet uses {@code data:} SVG images. Both fetch the OpenAPI document from this
 * origin ({@code connect-src 'self'}).
 */
public final class ContentSecurityPolicies {
    public static final String HEADER = "Content-Security-Policy";

    public static final String API = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    public static final String DOCUMENTATION = "default-src 'none'; script-src 'self'; "
            + "style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; "
            + "worker-src blob:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    /**
     * Path prefixes of the documentation pages and their assets: Swagger UI under
     * {@code /api/docs/}, ReDoc at {@code /api/redoc/} (forwarded to {@code /redoc/index.html}), the
     * webjar files both load.
     */
    private static final String[] DOCUMENTATION_PREFIXES = {"/api/docs/", "/api/redoc/", "/redoc/", "/webjars/"};

    private ContentSecurityPolicies() {
    }

    /**
     * The policy for a path inside the application (request URI without the context path). A path
     * that is not in plain normalized form (dot segments, encoded characters, path parameters) gets
     * the strict policy whatever its prefix.
     */
    public static String forPath(String path) {
        if (path != null && !(path.contains("/.") || path.contains("%") || path.contains(";")
                || path.contains("//") || path.contains("\\"))) {
            for (String prefix : DOCUMENTATION_PREFIXES) {
                if (path.startsWith(prefix)) {
                    return DOCUMENTATION;
                }
            }
        }
        return API;
    }
}
