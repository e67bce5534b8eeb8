package org.kith.assessment;

import java.util.Map;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.kith.web.PlainText;

/** The assessApplication form. With a conflict of interest declared, only the comment (a note about it) is read. */
record AssessmentForm(
        @NotNull(message = "Say whether you have a conflict of interest.")
        Boolean conflictOfInterest,
        Map<String, Integer> scores,
        @Size(max = 10000, message = "The comment must be 10,000 characters or fewer.")
        @PlainText String comment,
        Recommendation recommendation) {
}
