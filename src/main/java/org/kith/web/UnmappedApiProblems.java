package org.kith.web;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * API requests that fail before any controller is chosen: no endpoint at the path, a method or content type
 * no endpoint there takes, a multipart body that cannot be read. {@link ProblemResponses} only advises API
 * controllers, so these are answered here, as problem JSON, for paths under {@code /api/}. Anything else is
 * rethrown, which leaves it to Spring's default handling and the error pages.
 */
@RestControllerAdvice
@Order(0)
class UnmappedApiProblems {

    @ExceptionHandler({NoResourceFoundException.class, HttpRequestMethodNotSupportedException.class,
            HttpMediaTypeNotSupportedException.class, HttpMediaTypeNotAcceptableException.class})
    ResponseEntity<ProblemDetail> unmapped(Exception e, HttpServletRequest request) throws Exception {
        if (!isApi(request)) {
            throw e;
        }
        ErrorResponse error = (ErrorResponse) e;
        HttpStatus status = HttpStatus.valueOf(error.getStatusCode().value());
        ProblemDetail problem = switch (status) {
            case NOT_FOUND -> ProblemResponses.problem(status, "Not found", "There is nothing at this address.");
            case METHOD_NOT_ALLOWED -> ProblemResponses.problem(status, "Method not allowed",
                    "This address does not take " + request.getMethod() + ".");
            case UNSUPPORTED_MEDIA_TYPE -> ProblemResponses.problem(status, "Unsupported content type",
                    "Send the request body as Content-Type: application/json.");
            default -> ProblemResponses.problem(status, status.getReasonPhrase(),
                    "This request could not be handled: " + status.getReasonPhrase() + ".");
        };
        return ResponseEntity.status(status).headers(error.getHeaders()).body(problem);
    }

    @ExceptionHandler(MultipartException.class)
    ResponseEntity<ProblemDetail> unreadableMultipart(MultipartException e, HttpServletRequest request)
            throws Exception {
        if (!isApi(request)) {
            throw e;
        }
        if (e instanceof MaxUploadSizeExceededException) {
            return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE).body(ProblemResponses.problem(
                    HttpStatus.PAYLOAD_TOO_LARGE, "Too large", "The request body is larger than Kith accepts."));
        }
        return ResponseEntity.badRequest().body(ProblemResponses.problem(HttpStatus.BAD_REQUEST, "Invalid input",
                "The request body is not valid multipart form data."));
    }

    private static boolean isApi(HttpServletRequest request) {
        return request.getRequestURI().startsWith(request.getContextPath() + "/api/");
    }
}
