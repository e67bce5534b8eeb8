package org.kith.organisations;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OrganisationIdentifierTest {

    @ParameterizedTest
    @ValueSource(strings = {"GB-SC-SC012345", "GB-CHC-1234567", "GB-COH-01234567", "GB-LAS-EDINBURGH"})
    void orgIdGuideIdentifiersAreAccepted(String identifier) {
        assertThat(Organisation.isValidOrgIdentifier(identifier)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"SC012345", "GB-SC-", "gb-sc-SC012345", "GB-SC-SC01 2345", "GB-SC-SC012345; DROP", ""})
    void anythingElseIsRefused(String identifier) {
        assertThat(Organisation.isValidOrgIdentifier(identifier)).isFalse();
    }
}
