package org.kith.organisations;

/**
 * The group profile as a page's form sends it: every field as typed. {@link GroupProfiles} checks and
 * normalises it, or lists what to fix by these field names.
 */
public record GroupForm(String name, String legalForm, String charityNumber, String companyNumber,
        String addressLine1, String addressLine2, String town, String postcode, String localAuthority,
        String annualIncome, String contactName, String contactEmail, String contactPhone) {

    /** An empty form, for a group told for the first time. */
    public static GroupForm empty() {
        return new GroupForm("", "", "", "", "", "", "", "", "", "", "", "", "");
    }

    /** The profile as it stands, to edit. */
    public static GroupForm of(GroupProfile profile) {
        return new GroupForm(profile.name(), profile.legalForm().name(), blank(profile.charityNumber()),
                blank(profile.companyNumber()), blank(profile.addressLine1()), blank(profile.addressLine2()),
                blank(profile.town()), blank(profile.postcode()), blank(profile.localAuthority()),
                profile.annualIncome() == null ? "" : profile.annualIncome().toBigInteger().toString(),
                blank(profile.contactName()), blank(profile.contactEmail()), blank(profile.contactPhone()));
    }

    private static String blank(String value) {
        return value == null ? "" : value;
    }
}
