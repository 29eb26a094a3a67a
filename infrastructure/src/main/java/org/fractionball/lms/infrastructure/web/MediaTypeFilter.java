package org.fractionball.lms.infrastructure.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * A request whose Content-Type cannot name a body format (unparsable, or a wildcard such as
 * {@code *}{@code /*}) is answered 415 with the contract's message before anything reads it.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 2)
public class MediaTypeFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String contentType = request.getContentType();
        if (contentType != null && !contentType.isBlank() && !usable(contentType)) {
            JsonErrors.detail(response, 415, "Unsupported media type \"" + contentType.strip() + "\" in request.");
            return;
        }
        chain.doFilter(request, response);
    }

    private static boolean usable(String contentType) {
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            return !type.isWildcardType() && !type.isWildcardSubtype();
        } catch (InvalidMediaTypeException unparsable) {
            return false;
        }
    }
}
