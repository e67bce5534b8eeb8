package org.kith.identity;

import org.springframework.core.MethodParameter;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.util.List;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

import org.kith.web.ForbiddenException;

/** Lets a controller method take a {@link CurrentUser} parameter. */
@Component
class CurrentUserResolver implements HandlerMethodArgumentResolver, WebMvcConfigurer {

    private final UserAccounts accounts;

    CurrentUserResolver(UserAccounts accounts) {
        this.accounts = accounts;
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(this);
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType().equals(CurrentUser.class);
    }

    /** The person is read once a request (with an API token, in the token's own query). */
    @Override
    public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
            NativeWebRequest webRequest, WebDataBinderFactory binderFactory) {
        Optional<String> username = SignedIn.username();
        Object known = webRequest.getAttribute(ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
        if (known instanceof CurrentUser user && username.filter(user.username()::equals).isPresent()) {
            return user;
        }
        CurrentUser user = username.flatMap(accounts::current)
                .orElseThrow(() -> new ForbiddenException("Sign in first."));
        webRequest.setAttribute(ATTRIBUTE, user, RequestAttributes.SCOPE_REQUEST);
        return user;
    }

    private static final String ATTRIBUTE = CurrentUserResolver.class.getName() + ".user";

    static void remember(HttpServletRequest request, CurrentUser user) {
        request.setAttribute(ATTRIBUTE, user);
    }
}
