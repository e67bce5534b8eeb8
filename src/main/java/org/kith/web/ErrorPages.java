package org.kith.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.web.ServerProperties;
import org.springframework.boot.autoconfigure.web.servlet.error.BasicErrorController;
import org.springframework.boot.autoconfigure.web.servlet.error.ErrorViewResolver;
import org.springframework.boot.web.servlet.error.ErrorAttributes;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.ModelAndView;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Spring Boot's error path ({@code /error}), where the servlet container sends every error that no controller
 * answered: requests the Spring Security firewall refuses, unknown paths, failures in filters. Under
 * {@code /api/} and for JSON clients the answer is problem JSON, like every other API error; for a browser it is
 * the {@code error} view (Kith's error page). A direct request for {@code /error} itself names nothing: 404.
 */
@Controller
@RequestMapping("${server.error.path:${error.path:/error}}")
class ErrorPages extends BasicErrorController {

    private final ObjectMapper json;

    ErrorPages(ErrorAttributes errorAttributes, ServerProperties server, ObjectProvider<ErrorViewResolver> resolvers,
            ObjectMapper json) {
        super(errorAttributes, server.getError(), resolvers.orderedStream().toList());
        this.json = json;
    }

    @Override
    public ModelAndView errorHtml(HttpServletRequest request, HttpServletResponse response) {
        notFoundIfAskedDirectly(request);
        if (isApi(request)) {
            HttpStatus status = getStatus(request);
            response.setStatus(status.value());
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            try {
                json.writeValue(response.getOutputStream(), problem(request, status));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return null;
        }
        return super.errorHtml(request, response);
    }

    @Override
    public ResponseEntity<Map<String, Object>> error(HttpServletRequest request) {
        notFoundIfAskedDirectly(request);
        HttpStatus status = getStatus(request);
        if (status == HttpStatus.NO_CONTENT) {
            return new ResponseEntity<>(status);
        }
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem(request, status));
    }

    /** Without the container's error attributes this is a request for /error itself, which names nothing. */
    private static void notFoundIfAskedDirectly(HttpServletRequest request) {
        if (request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) == null) {
            request.setAttribute(RequestDispatcher.ERROR_STATUS_CODE, HttpStatus.NOT_FOUND.value());
            request.setAttribute(RequestDispatcher.ERROR_REQUEST_URI, request.getRequestURI());
        }
    }

    private static boolean isApi(HttpServletRequest request) {
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        return uri instanceof String path && path.startsWith(request.getContextPath() + "/api/");
    }

    static Map<String, Object> problem(HttpServletRequest request, HttpStatus status) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", title(status));
        problem.put("status", status.value());
        problem.put("detail", detail(status));
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        if (uri instanceof String path && !path.isEmpty() && safe(path)) {
            problem.put("instance", path);
        }
        return problem;
    }

    static String title(HttpStatus status) {
        return switch (status) {
            case BAD_REQUEST -> "Bad request";
            case NOT_FOUND -> "Not found";
            case INTERNAL_SERVER_ERROR -> "Something went wrong";
            default -> status.getReasonPhrase();
        };
    }

    static String detail(HttpStatus status) {
        return switch (status) {
            case BAD_REQUEST -> "This request could not be understood. Check the address and the headers.";
            case NOT_FOUND -> "There is nothing at this address.";
            case INTERNAL_SERVER_ERROR ->
                    "Something went wrong on our side. Nothing you sent was lost; please try again.";
            default -> status.is5xxServerError() ? "Something went wrong on our side; please try again."
                    : "This request could not be handled: " + status.getReasonPhrase() + ".";
        };
    }

    /** A refused path may hold control characters; it is only echoed back when it is plain printable text. */
    private static boolean safe(String path) {
        return path.length() <= 500 && path.chars().allMatch(c -> c >= 0x20 && c < 0x7f);
    }
}
