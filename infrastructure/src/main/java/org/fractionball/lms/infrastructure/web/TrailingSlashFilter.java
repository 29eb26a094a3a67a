package org.fractionball.lms.infrastructure.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * Every API path ends with a slash (contract §0.1). A slash-less GET, HEAD or DELETE is
 * redirected with 301 as Django's APPEND_SLASH did; other methods get 308, which keeps the
 * method and body (the original answered 500 or lost the body).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
public class TrailingSlashFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI();
        if (path.startsWith("/api/") && !path.endsWith("/") && !lastSegment(path).contains(".")) {
            String method = request.getMethod();
            boolean keepsBody = !(method.equals("GET") || method.equals("HEAD") || method.equals("DELETE"));
            String query = request.getQueryString();
            response.setStatus(keepsBody ? 308 : 301);
            response.setHeader("Location", path + "/" + (query == null ? "" : "?" + query));
            return;
        }
        chain.doFilter(request, response);
    }

    private static String lastSegment(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
