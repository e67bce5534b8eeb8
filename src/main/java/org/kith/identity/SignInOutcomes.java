package org.kith.identity;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.kith.web.ResumedForm;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.stereotype.Component;

/**
 * What happens around the sign-in form: where a person lands, how a failure is explained, and what a page does
 * with a form posted after its session expired (it keeps what was typed and asks the person to sign in again).
 */
@Component
class SignInOutcomes {

    private final RequestCache requestCache = new HttpSessionRequestCache();

    /** Back to the page that asked for sign-in, else to the person's own start page. */
    AuthenticationSuccessHandler success() {
        SavedRequestAwareAuthenticationSuccessHandler handler = new SavedRequestAwareAuthenticationSuccessHandler();
        handler.setDefaultTargetUrl("/start");
        handler.setRequestCache(requestCache);
        return handler;
    }

    void failed(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        SignInProblem problem;
        String username = request.getParameter("username");
        if (e instanceof SignInThrottledException throttled) {
            long seconds = throttled.retryAfter().toSeconds() + 1;
            problem = new SignInProblem(SignInProblem.Kind.LOCKED, username, (seconds + 59) / 60);
            response.setHeader("Retry-After", Long.toString(seconds));
        } else if (e instanceof AuthenticationServiceException) {
            problem = new SignInProblem(SignInProblem.Kind.UNAVAILABLE, username, 0);
        } else if (e instanceof DisabledException) {
            problem = new SignInProblem(SignInProblem.Kind.UNCONFIRMED, username, 0);
        } else {
            problem = new SignInProblem(SignInProblem.Kind.WRONG, username, 0);
        }
        request.getSession(true).setAttribute(SignInProblem.ATTRIBUTE, problem);
        response.sendRedirect(request.getContextPath() + "/sign-in");
    }

    /**
     * A page refused. A form whose CSRF token no longer matches was usually posted after the session expired:
     * keep what was typed, and bring the person back to the same page (through sign-in if they are signed out).
     */
    void pageDenied(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
            throws IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (denied instanceof CsrfException && "POST".equals(request.getMethod())
                && !path.equals("/sign-out") && !path.equals("/sign-in")) {
            ResumedForm.keep(request);
            if (SignedIn.username().isEmpty()) {
                // remember the page as a GET: saving the POST itself would have Spring replay it after sign-in,
                // acting on a form whose CSRF token was refused (and a cross-site form could ride on that)
                requestCache.saveRequest(asPageVisit(request), response);
                response.sendRedirect(request.getContextPath() + "/sign-in?expired");
            } else {
                response.sendRedirect(request.getRequestURI());
            }
            return;
        }
        if (denied instanceof CsrfException) {
            response.sendRedirect(request.getContextPath() + "/sign-in?signedOut");
            return;
        }
        response.sendError(HttpStatus.FORBIDDEN.value());
    }

    /** The same address, as a plain GET with no parameters: what the person should come back to, not what they sent. */
    private static HttpServletRequest asPageVisit(HttpServletRequest request) {
        return new HttpServletRequestWrapper(request) {
            @Override
            public String getMethod() {
                return "GET";
            }

            @Override
            public String getQueryString() {
                return null;
            }

            @Override
            public String getParameter(String name) {
                return null;
            }

            @Override
            public java.util.Map<String, String[]> getParameterMap() {
                return java.util.Map.of();
            }

            @Override
            public java.util.Enumeration<String> getParameterNames() {
                return java.util.Collections.emptyEnumeration();
            }

            @Override
            public String[] getParameterValues(String name) {
                return null;
            }
        };
    }
}
