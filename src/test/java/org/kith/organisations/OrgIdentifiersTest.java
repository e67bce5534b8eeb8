package org.kith.organisations;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.kith.web.InvalidInputException.FieldError;

/** Charity and company numbers as people type them become org-id identifiers, or say what to fix. */
class OrgIdentifiersTest {

    @ParameterizedTest
    @CsvSource(nullValues = "-", value = {
            "SCOTTISH_CHARITY, sc 045 123, -, GB-SC-SC045123",
            "REGISTERED_CHARITY, 1234567, -, GB-CHC-1234567",
            "REGISTERED_CHARITY, SC045123, -, GB-SC-SC045123",
            "CHARITABLE_COMPANY, SC045123, sc123456, GB-SC-SC045123",
            "COMMUNITY_INTEREST_COMPANY, -, 1234567, GB-COH-01234567",
            "COMMUNITY_INTEREST_COMPANY, -, 12-345-678, GB-COH-12345678",
            "COMMUNITY_BENEFIT_SOCIETY, -, -, -",
            "UNREGISTERED_GROUP, -, -, -",
            "UNREGISTERED_GROUP, ' ', '', -"})
    void numbersBecomeIdentifiers(LegalForm form, String charity, String company, String identifier) {
        List<FieldError> errors = new ArrayList<>();
        OrgIdentifiers.Numbers numbers = OrgIdentifiers.check(form, charity, company, errors);
        assertThat(errors).isEmpty();
        assertThat(numbers.orgIdentifier()).isEqualTo(identifier);
        if (identifier != null) {
            assertThat(Organisation.isValidOrgIdentifier(identifier)).isTrue();
        }
    }

    @ParameterizedTest
    @CsvSource(nullValues = "-", value = {
            "SCOTTISH_CHARITY, -, -, charityNumber",
            "SCOTTISH_CHARITY, 1234567, -, charityNumber",
            "REGISTERED_CHARITY, SC12, -, charityNumber",
            "CHARITABLE_COMPANY, SC045123, -, companyNumber",
            "COMMUNITY_INTEREST_COMPANY, -, ABC, companyNumber",
            "UNREGISTERED_GROUP, SC045123, -, charityNumber",
            "COMMUNITY_COUNCIL, -, 12345678, companyNumber",
            "REGISTERED_CHARITY, 'SC045123; DROP TABLE organisation', -, charityNumber"})
    void wrongNumbersAreFieldErrors(LegalForm form, String charity, String company, String field) {
        List<FieldError> errors = new ArrayList<>();
        OrgIdentifiers.check(form, charity, company, errors);
        assertThat(errors).extracting(FieldError::field).containsExactly(field);
        assertThat(errors.get(0).message()).isNotBlank();
    }
}
