package org.kith.identity;

import org.springframework.dao.DataAccessException;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.InternalAuthenticationServiceException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Username (or email address) and password sign-in (form and HTTP Basic), refused outright while what was typed
 * is locked out. An account whose email address is not confirmed is refused only after its password matched.
 */
@Component
class ThrottledAuthenticationProvider implements AuthenticationProvider {

    private final DaoAuthenticationProvider passwords;
    private final LoginThrottle throttle;

    ThrottledAuthenticationProvider(UserAccounts accounts, PasswordEncoder encoder, LoginThrottle throttle) {
        this.passwords = new DaoAuthenticationProvider(accounts);
        this.passwords.setPasswordEncoder(encoder);
        this.throttle = throttle;
    }

    /** A database that cannot be reached is not a wrong password: it answers 503, and nothing is counted. */
    @Override
    public Authentication authenticate(Authentication attempt) {
        try {
            return throttled(attempt);
        } catch (DataAccessException unreachable) {
            throw new InternalAuthenticationServiceException("sign-in state unavailable", unreachable);
        }
    }

    private Authentication throttled(Authentication attempt) {
        String username = attempt.getName();
        LoginThrottle.State state = throttle.state(username);
        if (state.lockedFor().isPresent()) {
            throw new SignInThrottledException(state.lockedFor().get());
        }
        Authentication signedIn;
        try {
            signedIn = passwords.authenticate(attempt);
        } catch (BadCredentialsException wrong) {
            throttle.recordFailure(username);
            throw wrong;
        }
        if (state.hasFailures()) {
            throttle.forget(username);
        }
        if (!(signedIn.getPrincipal() instanceof UserAccounts.SignInUser user) || !user.emailConfirmed()) {
            throw new EmailNotConfirmedException(signedIn.getName());
        }
        return signedIn;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
