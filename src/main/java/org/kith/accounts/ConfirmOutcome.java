package org.kith.accounts;

/** What opening a confirmation link did, for the page to say. */
public enum ConfirmOutcome {
    /** the address is confirmed: the person can sign in with it */
    CONFIRMED,
    /** the link was used before (or replaced by a newer one) */
    ALREADY_USED,
    /** the link is too old: send a new one */
    EXPIRED,
    /** no such link (mistyped, cut short, or from another purpose) */
    UNKNOWN,
    /** a new address could not be confirmed: another account took it meanwhile */
    ADDRESS_IN_USE
}
