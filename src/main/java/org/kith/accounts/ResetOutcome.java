package org.kith.accounts;

/** What setting a new password from a reset link did, for the page to say. */
public enum ResetOutcome {
    /** the new password is in place; every session of the account has ended */
    PASSWORD_CHANGED,
    ALREADY_USED,
    EXPIRED,
    UNKNOWN
}
