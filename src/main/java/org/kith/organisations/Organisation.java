package org.kith.organisations;

import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * A group that applies. {@code orgIdentifier} is in org-id.guide form ({@code GB-SC-SC012345},
 * {@code GB-CHC-1234567}, {@code GB-COH-01234567}) or null for an unregistered group.
 */
public record Organisation(long id, String name, LegalForm legalForm, String orgIdentifier, String postcode,
        String localAuthority, BigDecimal annualIncome) {

    private static final Pattern ORG_ID = Pattern.compile("^[A-Z]{2}-[A-Z]{2,6}-[A-Za-z0-9]{1,40}$");

    public static boolean isValidOrgIdentifier(String identifier) {
        return identifier != null && ORG_ID.matcher(identifier).matches();
    }

    public boolean hasIdentifier() {
        return orgIdentifier != null && !orgIdentifier.isBlank();
    }
}
