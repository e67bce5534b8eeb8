package org.kith.awards;

import java.math.BigDecimal;

import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.kith.web.PlainText;

record DecisionForm(
        @NotNull(message = "Choose AWARD, DECLINE or REQUEST_INFORMATION.")
        DecisionOutcome outcome,
        @Digits(integer = 12, fraction = 2, message = "Enter an amount in pounds and pence.")
        BigDecimal amountAwarded,
        @Size(max = 10000, message = "The reason must be 10,000 characters or fewer.")
        @PlainText String reason,
        @Size(max = 10000, message = "The question must be 10,000 characters or fewer.")
        @PlainText String question) {
}
