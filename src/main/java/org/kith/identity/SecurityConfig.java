package org.kith.identity;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.kith.web.DatabaseUnavailable;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.security.web.util.matcher.RequestMatcher;

import com.fasterxml.jackson.databind.ObjectMapper;

@Configuration
class SecurityConfig {

    /**
     * CSRF guards API calls that ride on a signed-in browser session. A script's call with an API token (Bearer)
     * or HTTP Basic carries its own credentials, and a call with none rides on nothing: it goes on to the 401
     * challenge.
     */
    private static final RequestMatcher API_WITHOUT_SESSION = request ->
            request.getRequestURI().startsWith(request.getContextPath() + "/api/")
                    && (request.getHeader("Authorization") != null || SignedIn.username().isEmpty());

    private static final RequestMatcher API = request ->
            request.getRequestURI().startsWith(request.getContextPath() + "/api/");

    private final ObjectMapper json;

    SecurityConfig(ObjectMapper json) {
        this.json = json;
    }

    /** Flowable registers an encoder of its own; ours keeps {bcrypt} and friends working. */
    @Bean
    @Primary
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    /** Pages anyone may see: the home page, funds and their eligibility check, sign-in and account recovery. */
    static final String[] PUBLIC_PAGES = {"/", "/funds/**", "/sign-in", "/register", "/register/**",
            "/account/confirm", "/account/confirm/**", "/account/forgot-password", "/account/forgot-password/**",
            "/account/reset-password", "/account/set-password", "/group/invitation", "/accessibility", "/privacy",
            "/cookies"};

    static final String[] STATIC_FILES = {"/css/**", "/js/**", "/webjars/**", "/favicon.svg", "/favicon.ico"};

    /**
     * The Content-Security-Policy of every response: our own scripts, styles and fonts only; no inline script or
     * style, no plugin, no framing. GOV.UK Frontend's inline snippet lives in /js/supported.js for this reason.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
            + "form-action 'self'; frame-ancestors 'none'";

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, SignInOutcomes signIn, ApiTokens tokens)
            throws Exception {
        http.authorizeHttpRequests(auth -> auth
                        .requestMatchers(STATIC_FILES).permitAll()
                        .requestMatchers(PUBLIC_PAGES).permitAll()
                        .requestMatchers("/error").permitAll()
                        .requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/actuator/health/**").permitAll()
                        .requestMatchers(HttpMethod.GET, "/api/funds", "/api/funds/{id}").permitAll()
                        .requestMatchers(HttpMethod.GET, "/api/open-data/360giving.json",
                                "/api/open-data/360giving.csv").permitAll()
                        .requestMatchers(HttpMethod.GET, "/api/funds/{id}/summary")
                        .hasAnyRole(Role.FUND_MANAGER.name(), Role.FUNDER.name(), Role.ADMIN.name())
                        .requestMatchers("/api/admin/**").hasRole(Role.ADMIN.name())
                        .anyRequest().authenticated())
                .httpBasic(basic -> basic.authenticationEntryPoint(this::unauthorised))
                .formLogin(form -> form
                        .loginPage("/sign-in")
                        .loginProcessingUrl("/sign-in")
                        .usernameParameter("username")
                        .passwordParameter("password")
                        .successHandler(signIn.success())
                        .failureHandler(signIn::failed)
                        .permitAll())
                .logout(logout -> logout
                        .logoutUrl("/sign-out")
                        .logoutSuccessUrl("/sign-in?signedOut"))
                .csrf(csrf -> csrf.ignoringRequestMatchers(API_WITHOUT_SESSION))
                .exceptionHandling(ex -> ex
                        .defaultAuthenticationEntryPointFor(this::unauthorised, API)
                        .defaultAccessDeniedHandlerFor(this::forbidden, API)
                        .defaultAccessDeniedHandlerFor(signIn::pageDenied, request -> true))
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY)));

        // API tokens (Bearer): before CSRF, so a token on a page is refused before anything else looks at it.
        http.addFilterBefore(new BearerTokenFilter(tokens, API, this::unauthorised), CsrfFilter.class);

        // Every response: send no full URL to other sites, and turn off browser features Kith never uses.
        http.headers(headers -> headers
                .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN))
                .permissionsPolicyHeader(permissions -> permissions.policy(PERMISSIONS_POLICY)));

        // A call without a session never starts one: the API saves no request to return to after sign-in.
        http.requestCache(cache -> cache.requestCache(savedRequests()));
        return http.build();
    }

    static final String PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), "
            + "interest-cohort=()";

    /**
     * Only a page a person asked for in the browser is remembered for after sign-in; an API call, an asset or a
     * script's request is not, so an anonymous call that is answered 401 leaves no session behind.
     */
    private static RequestCache savedRequests() {
        HttpSessionRequestCache cache = new HttpSessionRequestCache();
        cache.setRequestMatcher(request -> HttpMethod.GET.matches(request.getMethod()) && !API.matches(request)
                && request.getHeader("X-Requested-With") == null
                && !request.getRequestURI().endsWith("/favicon.ico"));
        return cache;
    }

    /** A missing or stale CSRF token on a session call means the page is old, not that the person lacks a right. */
    private void forbidden(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
            throws IOException {
        if (denied instanceof CsrfException) {
            writeProblem(response, HttpStatus.FORBIDDEN, "Session or form expired",
                    "Your session or this form's security token has expired. Reload the page and try again.");
            return;
        }
        writeProblem(response, HttpStatus.FORBIDDEN, "Not allowed", "You do not have permission to do this.");
    }

    private void unauthorised(HttpServletRequest request, HttpServletResponse response,
            org.springframework.security.core.AuthenticationException e) throws IOException {
        if (e instanceof SignInThrottledException throttled) {
            long seconds = throttled.retryAfter().toSeconds() + 1;
            long minutes = (seconds + 59) / 60;
            response.setHeader("Retry-After", Long.toString(seconds));
            writeProblem(response, HttpStatus.TOO_MANY_REQUESTS, "Too many failed sign-ins",
                    "There have been too many wrong passwords for this username. Try again in " + minutes
                            + (minutes == 1 ? " minute." : " minutes."));
            return;
        }
        if (e instanceof BearerTokenFilter.Refused) {
            response.setHeader("WWW-Authenticate", "Bearer realm=\"Kith\", error=\"invalid_token\"");
            writeProblem(response, HttpStatus.UNAUTHORIZED, "API token not accepted", e.getMessage());
            return;
        }
        if (e instanceof EmailNotConfirmedException) {
            writeProblem(response, HttpStatus.UNAUTHORIZED, "Email address not confirmed", e.getMessage());
            return;
        }
        if (e instanceof AuthenticationServiceException) {
            response.setHeader("Retry-After", DatabaseUnavailable.RETRY_AFTER_SECONDS);
            writeProblem(response, HttpStatus.SERVICE_UNAVAILABLE, DatabaseUnavailable.TITLE,
                    DatabaseUnavailable.DETAIL);
            return;
        }
        response.setHeader("WWW-Authenticate", "Basic realm=\"Kith\"");
        writeProblem(response, HttpStatus.UNAUTHORIZED, "Sign in required",
                "Sign in with your Kith username and password.");
    }

    private void writeProblem(HttpServletResponse response, HttpStatus status, String title, String detail)
            throws IOException {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }
}
