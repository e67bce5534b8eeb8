package org.kith.identity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Addresses are trimmed and their domain lower-cased; what an email input accepts is accepted, nothing odd. */
class EmailAddressesTest {

    @ParameterizedTest
    @CsvSource({
            "' Morag.Stewart@Example.ORG ', Morag.Stewart@example.org",
            "calum+kith@mail.example.co.uk, calum+kith@mail.example.co.uk",
            "o'neill@example.org, o'neill@example.org"})
    void normalisedAndAccepted(String typed, String normalised) {
        assertThat(EmailAddresses.normalise(typed)).isEqualTo(normalised);
        assertThat(EmailAddresses.problem(normalised)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "morag", "morag@", "@example.org", "morag@example", "mo rag@example.org",
            "morag@@example.org", "a@b@example.org", "morag@-example.org", "morag@example..org",
            "<script>@example.org", "morag@exämple.org", "morag@example.org\u0000"})
    void refusedWithAMessageSayingWhatToDo(String typed) {
        assertThat(EmailAddresses.problem(EmailAddresses.normalise(typed))).hasValueSatisfying(
                message -> assertThat(message).startsWith("Enter an email address"));
    }

    @ParameterizedTest
    @ValueSource(ints = {100, 101})
    void atMost100Characters(int length) {
        String address = "a".repeat(64) + "@" + "b".repeat(length - 64 - 1 - 4) + ".org";
        assertThat(EmailAddresses.problem(address).isPresent()).isEqualTo(length > 100);
    }
}
