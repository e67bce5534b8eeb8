package org.kith.organisations;

/** A group's profile changed (its area, income or legal form): published in the transaction that changed it. */
public record OrganisationChanged(long organisationId) {
}
