package org.kith.awards;

import java.math.BigDecimal;

import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.kith.web.PlainText;

/**
 * The decideApplication form. {@code conditions}, optional with an award, are added to the standard conditions of
 * the offer. {@code batchOf}, optional, is how many applications the fund manager decided together
 * (the decision queue's batch); the audit trail says so.
 */
record DecisionForm(
        @NotNull(message = "Choose AWARD, DECLINE or REQUEST_INFORMATION.")
        DecisionOutcome outcome,
        @Digits(integer = 12, fraction = 2, message = "Enter an amount in pounds and pence.")
        BigDecimal amountAwarded,
        @Size(max = 10000, message = "The reason must be 10,000 characters or fewer.")
        @PlainText String reason,
        @Size(max = 10000, message = "The question must be 10,000 characters or fewer.")
        @PlainText String question,
        @Size(max = 10000, message = "The conditions must be 10,000 characters or fewer.")
        @PlainText String conditions,
        @Min(value = 1, message = "A batch holds at least one decision.")
        @Max(value = 10000, message = "A batch holds at most 10,000 decisions.")
        Integer batchOf) {

    DecisionForm(DecisionOutcome outcome, BigDecimal amountAwarded, String reason, String question) {
        this(outcome, amountAwarded, reason, question, null, null);
    }
}
