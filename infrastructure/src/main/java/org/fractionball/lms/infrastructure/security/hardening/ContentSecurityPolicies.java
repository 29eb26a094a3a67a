package org.fractionball.lms.infrastructure.security.hardening;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

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
 *
 * <p>The web UI's pages ({@link #PAGE_PREFIXES}) are plain HTML with ES modules and one stylesheet
 * from this origin: no inline script or style. They call this API, Firebase Authentication (or
 * its emulator) and PUT uploads to signed storage URLs ({@code connect-src}); the video player
 * streams from signed or external https URLs and reads a chosen file's duration from a
 * {@code blob:} URL ({@code media-src}); thumbnails may be any https image.
 */
public final class ContentSecurityPolicies {
    public static final String HEADER = "Content-Security-Policy";

    public static final String API = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    public static final String DOCUMENTATION = "default-src 'none'; script-src 'self'; "
            + "style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; "
            + "worker-src blob:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    /** The web UI's page routes and files (see {@code PageController}). */
    private static final String[] PAGE_PREFIXES = {"/ui/", "/sign-in/", "/library/", "/upload/", "/content/",
            "/playlists/", "/shared/"};

    /** Firebase Authentication's browser endpoints and the signed upload URLs of Firebase Storage. */
    private static final List<String> FIREBASE_ORIGINS = List.of("https://identitytoolkit.googleapis.com",
            "https://securetoken.googleapis.com", "https://storage.googleapis.com");

    /**
     * Path prefixes of the documentation pages and their assets: Swagger UI under
     * {@code /api/docs/}, ReDoc at {@code /api/redoc/} (forwarded to {@code /redoc/index.html}), the
     * webjar files both load.
     */
    private static final String[] DOCUMENTATION_PREFIXES = {"/api/docs/", "/api/redoc/", "/redoc/", "/webjars/"};

    private ContentSecurityPolicies() {
    }

    /**
     * The policy of the web UI's pages: {@code extraConnectOrigins} are the origins the pages call
     * besides this one and Firebase's (the Auth emulator, a separate storage base URL).
     */
    public static String pages(List<String> extraConnectOrigins) {
        Set<String> connect = new LinkedHashSet<>();
        connect.add("'self'");
        connect.addAll(FIREBASE_ORIGINS);
        connect.addAll(extraConnectOrigins);
        return "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: https:; "
                + "media-src 'self' blob: https:; connect-src " + String.join(" ", connect) + "; "
                + "frame-ancestors 'none'; base-uri 'none'; form-action 'self'";
    }

    /** True for the web UI's pages and files: {@code /} and the page prefixes, in plain normalized form. */
    public static boolean isPage(String path) {
        if (path == null || !plain(path)) {
            return false;
        }
        if (path.equals("/")) {
            return true;
        }
        for (String prefix : PAGE_PREFIXES) {
            if (path.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The policy for a path inside the application (request URI without the context path). A path
     * that is not in plain normalized form (dot segments, encoded characters, path parameters) gets
     * the strict policy whatever its prefix.
     */
    public static String forPath(String path) {
        if (path != null && plain(path)) {
            for (String prefix : DOCUMENTATION_PREFIXES) {
                if (path.startsWith(prefix)) {
                    return DOCUMENTATION;
                }
            }
        }
        return API;
    }

    private static boolean plain(String path) {
        return !(path.contains("/.") || path.contains("%") || path.contains(";") || path.contains("//")
                || path.contains("\\"));
    }
}
