package org.fractionball.lms.infrastructure.ui;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The web UI's page routes (contract §9): each forwards to a static page under {@code /ui/},
 * whose ES modules sign in with Firebase (or the development sign-in) and call the API with the
 * bearer token (D7: no placeholder token, no cookie). Pages are public; what they show comes
 * from the API, which decides who may see what.
 */
@Controller
@Hidden
public class PageController {

    @GetMapping("/")
    public String home() {
        return "forward:/ui/home.html";
    }

    @GetMapping({"/sign-in/", "/library/", "/upload/", "/content/", "/playlists/", "/courses/",
            "/dashboard/", "/admin/", "/audit/", "/operations/"})
    public String page(HttpServletRequest request) {
        String path = request.getRequestURI();
        return "forward:/ui/" + path.substring(1, path.length() - 1) + ".html";
    }

    /** A slash-less page path: the page itself lives at the slashed path, as every route here. */
    @GetMapping({"/sign-in", "/library", "/upload", "/content", "/playlists", "/courses", "/dashboard",
            "/admin", "/audit", "/operations"})
    public String slashless(HttpServletRequest request) {
        return "redirect:" + request.getRequestURI() + "/";
    }

    /** The public page of a share link; its token is read by the page from the path. */
    @GetMapping("/shared/{token}/")
    public String shared(@PathVariable("token") String token) {
        return "forward:/ui/shared.html";
    }
}
