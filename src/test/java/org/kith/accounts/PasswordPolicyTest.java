package org.kith.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** NIST SP 800-63B: length 12 to 256, no composition rules, common passwords and one's own address refused. */
class PasswordPolicyTest {

    private final PasswordPolicy policy = new PasswordPolicy();

    @Test
    void elevenCharactersAreTooFew_twelveAreEnough() {
        assertThat(policy.reasonToRefuse("tuesday lun")).hasValueSatisfying(
                reason -> assertThat(reason).contains("at least 12 characters"));
        assertThat(policy.reasonToRefuse("tuesday lunc")).isEmpty();
    }

    @Test
    void lengthCountsCharactersNotBytes() {
        assertThat(policy.reasonToRefuse("🌱🌱🌱 lunch club")).isEmpty();
        assertThat(policy.reasonToRefuse("🌱🌱🌱🌱🌱🌱")).as("six emoji are 12 UTF-16 units, but six characters")
                .isPresent();
    }

    @Test
    void atMost256CharactersAndTheReasonSaysSo() {
        assertThat(policy.reasonToRefuse("ab cd ".repeat(42) + "abcd")).as("256").isEmpty();
        assertThat(policy.reasonToRefuse("ab cd ".repeat(42) + "abcde")).hasValueSatisfying(
                reason -> assertThat(reason).contains("256 characters or fewer"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"password1234", "qwertyuiop12", "Password1234", "123qweasdzxc", "1qaz2wsx3edc"})
    void theMostCommonPasswordsAreRefusedWithTheReason(String common) {
        assertThat(policy.reasonToRefuse(common)).hasValueSatisfying(
                reason -> assertThat(reason).startsWith("This is one of the most common passwords"));
    }

    @Test
    void noCompositionRules_aPhraseOfLowerCaseWordsIsFine() {
        assertThat(policy.reasonToRefuse("kettle on for the tuesday lunch")).isEmpty();
        assertThat(policy.reasonToRefuse("AAAAAAAAAAAAAAAA")).isPresent();
    }

    @Test
    void notTheEmailAddressOrUsername() {
        assertThat(policy.reasonToRefuse("Morag@Example.org", "morag@example.org", "morag@example.org"))
                .hasValueSatisfying(reason -> assertThat(reason).contains("email address or username"));
        assertThat(policy.reasonToRefuse("morag-lunch-club", "morag@example.org", "morag-lunch-club"))
                .isPresent();
    }

    @Test
    void nothingIsNotAPassword() {
        assertThat(policy.reasonToRefuse(null)).contains("Enter a password.");
        assertThat(policy.reasonToRefuse("")).contains("Enter a password.");
    }

    @Test
    void theListIsLoaded() {
        assertThat(policy.reasonToRefuse("sonyericsson")).isPresent();
    }
}
