package org.kith.web;

import jakarta.servlet.http.HttpServletResponse;

import org.flowable.common.engine.api.FlowableOptimisticLockingException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.servlet.ModelAndView;

/**
 * What a page shows when something goes wrong: the error pages in {@code templates/error/}, in the layout,
 * never a stack trace. Runs after {@link ProblemResponses}, which takes everything from API controllers.
 */
@ControllerAdvice(annotations = Controller.class)
@Order(Ordered.LOWEST_PRECEDENCE)
class PageErrors {

    private static final Logger log = LoggerFactory.getLogger(PageErrors.class);

    @ExceptionHandler(NotFoundException.class)
    ModelAndView notFound() {
        return page("error/404", HttpStatus.NOT_FOUND, null);
    }

    /** A page given input it cannot use (a typed page number, a bad filter in a link) says what, never 500. */
    @ExceptionHandler(InvalidInputException.class)
    ModelAndView invalidInput(InvalidInputException e) {
        ModelAndView page = page("error/400", HttpStatus.BAD_REQUEST, null);
        page.addObject("problems", e.errors());
        return page;
    }

    @ExceptionHandler(ForbiddenException.class)
    ModelAndView forbidden(ForbiddenException e) {
        return page("error/403", HttpStatus.FORBIDDEN, e.getMessage());
    }

    @ExceptionHandler(ConflictException.class)
    ModelAndView conflict(ConflictException e) {
        return page("error/409", HttpStatus.CONFLICT, e.getMessage());
    }

    @ExceptionHandler({FlowableOptimisticLockingException.class, OptimisticLockingFailureException.class,
            PessimisticLockingFailureException.class})
    ModelAndView concurrentChange() {
        return page("error/409", HttpStatus.CONFLICT, null);
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ModelAndView tooLarge() {
        return page("error/413", HttpStatus.PAYLOAD_TOO_LARGE, null);
    }

    @ExceptionHandler({DataAccessResourceFailureException.class, TransientDataAccessResourceException.class,
            RecoverableDataAccessException.class, CannotCreateTransactionException.class})
    ModelAndView databaseUnavailable(Exception e, HttpServletResponse response) {
        log.warn("Database unavailable: {}", e.getMessage());
        response.setHeader(HttpHeaders.RETRY_AFTER, DatabaseUnavailable.RETRY_AFTER_SECONDS);
        return page("error/503", HttpStatus.SERVICE_UNAVAILABLE, null);
    }

    @ExceptionHandler(Exception.class)
    ModelAndView unexpected(Exception e) {
        log.error("Unexpected error on a page", e);
        return page("error/500", HttpStatus.INTERNAL_SERVER_ERROR, null);
    }

    private static ModelAndView page(String view, HttpStatus status, String detail) {
        ModelAndView page = new ModelAndView(view, status);
        page.addObject("status", status.value());
        if (detail != null) {
            page.addObject("detail", detail);
        }
        return page;
    }
}
