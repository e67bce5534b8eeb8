package org.kith.organisations;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.kith.web.InvalidInputException.FieldError;

/** UK postcodes in every shape, upper case with one space before the inward code. */
class PostcodeTest {

    @ParameterizedTest
    @CsvSource({"eh6 6qu, EH6 6QU", "EH66QU, EH6 6QU", "  w1a  0ax , W1A 0AX", "m1 1ae, M1 1AE", "B338TH, B33 8TH",
            "cr2 6xh, CR2 6XH", "DN55 1PT, DN55 1PT", "ec1a1bb, EC1A 1BB", "PA75 6NR, PA75 6NR", "gir 0aa, GIR 0AA"})
    void normalised(String typed, String postcode) {
        List<FieldError> errors = new ArrayList<>();
        assertThat(GroupProfiles.postcode(errors, typed)).isEqualTo(postcode);
        assertThat(errors).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"EH6", "12345", "EH6 6Q", "EH6 6QUU", "ZZZ 1AA", "EH6-6QU", "EH6 6QU; DROP"})
    void refused(String typed) {
        List<FieldError> errors = new ArrayList<>();
        assertThat(GroupProfiles.postcode(errors, typed)).isNull();
        assertThat(errors).extracting(FieldError::field).containsExactly("postcode");
    }
}
