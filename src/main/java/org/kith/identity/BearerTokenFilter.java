package org.kith.identity;

import java.io.IOException;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * {@code Authorization: Bearer kith_...} on the API: the caller is the token's owner, with their roles, for this
 * request only. Nothing is saved to a session (none is made), and a token that does not work (wrong, revoked,
 * malformed, its account deactivated) answers 401 problem JSON and never falls back to a session or anything
 * else. Pages do not take tokens: they answer 401 too, as a token there means a script is calling the wrong URL.
 */
final class BearerTokenFilter extends OncePerRequestFilter {

    /** A bearer token that was not accepted; the message says why, in words a script's author can act on. */
    static final class Refused extends AuthenticationException {

        private static final long serialVersionUID = 1L;

        Refused(String reason) {
            super(reason);
        }
    }

    private static final String SCHEME = "Bearer";

    private final ApiTokens tokens;
    private final SecurityContextRepository requestOnly = new RequestAttributeSecurityContextRepository();
    private final RequestMatcher api;
    private final AuthenticationEntryPoint refuse;

    BearerTokenFilter(ApiTokens tokens, RequestMatcher api, AuthenticationEntryPoint refuse) {
        this.tokens = tokens;
        this.api = api;
        this.refuse = refuse;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())
                || (header.length() > SCHEME.length() && !Character.isWhitespace(header.charAt(SCHEME.length())))) {
            chain.doFilter(request, response);
            return;
        }
        if (!api.matches(request)) {
            refuse.commence(request, response, new Refused("API tokens work only on the API (paths under /api/)."));
            return;
        }
        Optional<ApiTokens.Bearer> bearer;
        try {
            bearer = tokens.authenticate(header.substring(SCHEME.length()).strip());
        } catch (DataAccessException unreachable) {
            refuse.commence(request, response,
                    new AuthenticationServiceException("token store unavailable", unreachable));
            return;
        }
        if (bearer.isEmpty()) {
            refuse.commence(request, response, new Refused("This API token is not valid: it may be mistyped, "
                    + "revoked, or its account switched off. Make a new one on your account page."));
            return;
        }
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(bearer.get().user().username(),
                null, bearer.get().authorities()));
        CurrentUserResolver.remember(request, bearer.get().user());
        SecurityContextHolder.setContext(context);
        // kept on the request only (as HTTP Basic does), so an error or async dispatch of this request knows it too
        requestOnly.saveContext(context, request, response);
        try {
            chain.doFilter(request, response);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }
}
