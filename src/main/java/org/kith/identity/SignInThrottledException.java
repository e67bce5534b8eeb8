package org.kith.identity;

import java.time.Duration;

import org.springframework.security.core.AuthenticationException;

/** Too many wrong passwords for this username lately: no password is checked until {@link #retryAfter()}. */
class SignInThrottledException extends AuthenticationException {

    private final Duration retryAfter;

    SignInThrottledException(Duration retryAfter) {
        super("Too many failed sign-ins");
        this.retryAfter = retryAfter;
    }

    Duration retryAfter() {
        return retryAfter;
    }
}
