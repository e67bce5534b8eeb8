package org.kith.accounts;

/** What a link from an email is worth when a page opens it, before anything is done with it. */
public enum LinkStatus {
    VALID, ALREADY_USED, EXPIRED, UNKNOWN
}
