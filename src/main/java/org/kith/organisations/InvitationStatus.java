package org.kith.organisations;

/** What an invitation link is worth when its page opens it. */
public enum InvitationStatus {
    VALID, ACCEPTED, CANCELLED, EXPIRED, UNKNOWN
}
