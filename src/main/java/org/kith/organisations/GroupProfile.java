package org.kith.organisations;

import java.math.BigDecimal;

/** Everything a group has told about itself, as its members see and edit it. */
public record GroupProfile(long id, String name, LegalForm legalForm, String orgIdentifier, String charityNumber,
        String companyNumber, String addressLine1, String addressLine2, String town, String postcode,
        String localAuthority, BigDecimal annualIncome, String contactName, String contactEmail,
        String contactPhone) {
}
