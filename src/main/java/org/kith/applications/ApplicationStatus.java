package org.kith.applications;

import java.util.EnumSet;
import java.util.Set;

/** Where an application stands. Each status names the statuses it may be reached from. */
public enum ApplicationStatus {
    DRAFT,
    SUBMITTED,
    INELIGIBLE,
    IN_ASSESSMENT,
    INFORMATION_REQUESTED,
    AWAITING_DECISION,
    DECLINED,
    OFFERED,
    OFFER_DECLINED,
    OFFER_LAPSED,
    WITHDRAWN,
    LAPSED,
    FUNDED,
    CLOSED;

    /** Before a decision: the applicant may still withdraw. */
    public static final Set<ApplicationStatus> WITHDRAWABLE =
            EnumSet.of(DRAFT, SUBMITTED, IN_ASSESSMENT, INFORMATION_REQUESTED, AWAITING_DECISION);

    /** An award made and not yet ended: counts as the group's grant from that fund. */
    public static final Set<ApplicationStatus> RUNNING_GRANT = EnumSet.of(OFFERED, FUNDED);

    /** Money the fund has promised. */
    public static final Set<ApplicationStatus> COMMITTED = EnumSet.of(OFFERED, FUNDED, CLOSED);

    public Set<ApplicationStatus> reachableFrom() {
        return switch (this) {
            case DRAFT -> EnumSet.noneOf(ApplicationStatus.class);
            case SUBMITTED -> EnumSet.of(DRAFT);
            case INELIGIBLE, IN_ASSESSMENT -> EnumSet.of(SUBMITTED);
            case AWAITING_DECISION -> EnumSet.of(IN_ASSESSMENT, INFORMATION_REQUESTED);
            case INFORMATION_REQUESTED, DECLINED, OFFERED -> EnumSet.of(AWAITING_DECISION);
            case OFFER_DECLINED, OFFER_LAPSED, FUNDED -> EnumSet.of(OFFERED);
            case LAPSED -> EnumSet.of(INFORMATION_REQUESTED);
            case WITHDRAWN -> WITHDRAWABLE;
            case CLOSED -> EnumSet.of(FUNDED);
        };
    }
}
