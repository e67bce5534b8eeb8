package org.kith.identity;

import org.springframework.security.authentication.DisabledException;

/**
 * The password was right, but the account's email address is not confirmed yet. Raised only after the password
 * matched, so it tells nothing to someone without it. A sign-in page shows: confirm your email address first;
 * we can send the link again.
 */
public class EmailNotConfirmedException extends DisabledException {

    public static final String MESSAGE = "Confirm your email address first: open the link we sent you. "
            + "If it has expired or you cannot find it, we can send the link again.";

    private final String username;

    EmailNotConfirmedException(String username) {
        super(MESSAGE);
        this.username = username;
    }

    /** The account's username, so a page can offer to send the link again. */
    public String username() {
        return username;
    }
}
