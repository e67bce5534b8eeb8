package org.kith.organisations;

/** What kind of body a group is. Unregistered groups are welcome: many small community groups are. */
public enum LegalForm {
    SCOTTISH_CHARITY,
    REGISTERED_CHARITY,
    CHARITABLE_COMPANY,
    COMMUNITY_INTEREST_COMPANY,
    COMMUNITY_BENEFIT_SOCIETY,
    COMMUNITY_COUNCIL,
    UNREGISTERED_GROUP
}
