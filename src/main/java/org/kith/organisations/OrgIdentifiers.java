package org.kith.organisations;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.kith.web.InvalidInputException.FieldError;

/**
 * A group's charity and company numbers, checked against its legal form and turned into its org-id.guide
 * identifier: {@code GB-SC-SC012345} (Scottish charity, OSCR), {@code GB-CHC-1234567} (charity in England and
 * Wales), {@code GB-COH-01234567} (Companies House). A charity number wins over a company number; a group with
 * neither has no identifier. The result always passes {@link Organisation#isValidOrgIdentifier}.
 */
public final class OrgIdentifiers {

    /** What was given, normalised (upper case, no spaces), and the identifier made from it (null if none). */
    public record Numbers(String charityNumber, String companyNumber, String orgIdentifier) {
    }

    private static final Pattern OSCR = Pattern.compile("^SC[0-9]{6}$");
    private static final Pattern CCEW = Pattern.compile("^[0-9]{6,7}$");
    private static final Pattern COMPANY = Pattern.compile("^([A-Z]{2}[0-9]{6}|[0-9]{8})$");

    private OrgIdentifiers() {
    }

    /** Checks the numbers for this legal form (which may be null if it was not chosen), adding what to fix. */
    public static Numbers check(LegalForm form, String charityTyped, String companyTyped, List<FieldError> errors) {
        String charity = squash(charityTyped);
        String company = squash(companyTyped);
        if (company != null && company.matches("^[0-9]{1,7}$")) {
            company = "0".repeat(8 - company.length()) + company; // Companies House pads with zeros to 8
        }
        if (form == LegalForm.UNREGISTERED_GROUP || form == LegalForm.COMMUNITY_COUNCIL) {
            if (charity != null) {
                errors.add(new FieldError("charityNumber", "A group of this kind has no charity number. If yours "
                        + "has one, choose the legal form that fits, or leave this empty."));
            }
            if (company != null) {
                errors.add(new FieldError("companyNumber", "A group of this kind has no company number. If yours "
                        + "has one, choose the legal form that fits, or leave this empty."));
            }
            return new Numbers(null, null, null);
        }
        boolean needsCharity = form == LegalForm.SCOTTISH_CHARITY || form == LegalForm.REGISTERED_CHARITY
                || form == LegalForm.CHARITABLE_COMPANY;
        boolean needsCompany = form == LegalForm.CHARITABLE_COMPANY || form == LegalForm.COMMUNITY_INTEREST_COMPANY;
        String charityId = null;
        String companyId = null;
        if (charity == null) {
            if (needsCharity) {
                errors.add(new FieldError("charityNumber", "Enter the charity number, like SC012345 for a Scottish "
                        + "charity or 1234567 for one in England and Wales."));
            }
        } else if (charity.length() > 20) {
            errors.add(new FieldError("charityNumber", "Enter a charity number of 20 characters or fewer."));
        } else if (OSCR.matcher(charity).matches()) {
            charityId = "GB-SC-" + charity;
        } else if (CCEW.matcher(charity).matches() && form != LegalForm.SCOTTISH_CHARITY) {
            charityId = "GB-CHC-" + charity;
        } else {
            errors.add(new FieldError("charityNumber", form == LegalForm.SCOTTISH_CHARITY
                    ? "Enter the Scottish charity number: SC and 6 digits, like SC012345."
                    : "Enter the charity number: SC and 6 digits for a Scottish charity (like SC012345), or 6 or 7 "
                            + "digits for one in England and Wales (like 1234567)."));
        }
        if (company == null) {
            if (needsCompany) {
                errors.add(new FieldError("companyNumber", "Enter the company number: 8 digits, or 2 letters and 6 "
                        + "digits, like SC123456."));
            }
        } else if (company.length() > 20 || !COMPANY.matcher(company).matches()) {
            errors.add(new FieldError("companyNumber", "Enter the company number: 8 digits, or 2 letters and 6 "
                    + "digits, like SC123456."));
        } else {
            companyId = "GB-COH-" + company;
        }
        String identifier = charityId != null ? charityId : companyId;
        if (identifier != null && !Organisation.isValidOrgIdentifier(identifier)) {
            throw new IllegalStateException("made an identifier org-id does not accept: " + identifier);
        }
        return new Numbers(charity, company, identifier);
    }

    private static String squash(String typed) {
        if (typed == null) {
            return null;
        }
        String squashed = typed.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
        return squashed.isEmpty() ? null : squashed;
    }
}
