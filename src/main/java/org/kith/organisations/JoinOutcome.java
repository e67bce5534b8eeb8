package org.kith.organisations;

/** What accepting an invitation did, for the page to say. */
public enum JoinOutcome {
    /** the person is now a member of the group and sees its applications */
    JOINED,
    /** they were a member of this group already; the invitation is left for someone else */
    ALREADY_MEMBER,
    /** they belong to another group, and a person belongs to one group only */
    IN_ANOTHER_GROUP,
    /** staff accounts do not join groups */
    NOT_AN_APPLICANT,
    /** someone accepted it already */
    ALREADY_USED,
    /** a member of the group cancelled it */
    CANCELLED,
    EXPIRED,
    UNKNOWN
}
