package org.kith.identity;

import java.io.Serializable;

/**
 * Why the last sign-in failed, kept in the session for the sign-in page to explain, with what was typed as the
 * username so the person need not type it again. The password is never kept.
 */
record SignInProblem(Kind kind, String username, long minutes) implements Serializable {

    static final String ATTRIBUTE = SignInProblem.class.getName();

    enum Kind {
        /** Wrong username or password: the page says only that the details are not right. */
        WRONG,
        LOCKED,
        UNCONFIRMED,
        UNAVAILABLE
    }
}
