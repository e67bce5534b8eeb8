package org.kith.applications;

import java.math.BigDecimal;
import java.util.Map;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.kith.web.PlainText;

/**
 * What an applicant may set on a draft. Status, organisation and amounts awarded are not here:
 * whatever a client sends for them is ignored.
 */
public record ApplicationRequest(
        Long fundId,
        @NotBlank(message = "Enter a title for your project.")
        @Size(max = 300, message = "The title must be 300 characters or fewer.")
        @PlainText
        String title,
        @Size(max = 10000, message = "The summary must be 10,000 characters or fewer.")
        @PlainText
        String summary,
        @DecimalMin(value = "0.01", message = "Enter an amount of at least £0.01.")
        @Digits(integer = 12, fraction = 2, message = "Enter an amount in pounds and pence, like 4500 or 4500.50.")
        BigDecimal amountRequested,
        Map<String, String> answers) {
}
