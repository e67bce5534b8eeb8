package org.kith.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A request body must say what it is. A Content-Type that is a pattern ({@code *}{@code /*}, {@code application/*}),
 * not a media type at all ({@code foo}), or names a charset Java does not know is refused with 415 before
 * anything reads the body: Spring MVC would otherwise fail on it with a 500.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 100)
class ContentTypeGuard extends OncePerRequestFilter {

    private final ObjectMapper json;

    ContentTypeGuard(ObjectMapper json) {
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String contentType = request.getHeader(HttpHeaders.CONTENT_TYPE);
        if (contentType == null || usable(contentType)) {
            chain.doFilter(request, response);
            return;
        }
        if (request.getRequestURI().startsWith(request.getContextPath() + "/api/")) {
            response.setStatus(HttpStatus.UNSUPPORTED_MEDIA_TYPE.value());
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            json.writeValue(response.getOutputStream(), ProblemResponses.problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                    "Unsupported content type", "Send the request body as Content-Type: application/json."));
            return;
        }
        response.sendError(HttpStatus.UNSUPPORTED_MEDIA_TYPE.value());
    }

    static boolean usable(String contentType) {
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            if (type.isWildcardType() || type.isWildcardSubtype()) {
                return false;
            }
            type.getCharset();
            return true;
        } catch (IllegalArgumentException e) {
            // InvalidMediaTypeException, and an unknown or malformed charset
            return false;
        }
    }
}
