package org.kith.awards;

import java.util.Map;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.kith.web.ConflictException;
import org.kith.web.InvalidInputException;
import org.kith.web.PlainText;
import org.kith.workflow.ProcessKeys;
import org.kith.workflow.TaskFormHandler;
import org.kith.workflow.TaskKeys;
import org.springframework.stereotype.Component;

/** reviewVariation: the fund manager approves or refuses a requested change, giving a reason for a refusal. */
@Component
class ReviewVariation implements TaskFormHandler<ReviewVariation.Form> {

    record Form(
            @NotNull(message = "Say whether you approve the change.") Boolean approve,
            @Size(max = 10000, message = "The reason must be 10,000 characters or fewer.") @PlainText String reason) {
    }

    private final Variations variations;

    ReviewVariation(Variations variations) {
        this.variations = variations;
    }

    @Override
    public String taskKey() {
        return TaskKeys.REVIEW_VARIATION;
    }

    @Override
    public Class<Form> formType() {
        return Form.class;
    }

    @Override
    public Completion handle(TaskContext context, Form form) {
        if (!form.approve() && (form.reason() == null || form.reason().isBlank())) {
            throw InvalidInputException.of("reason", "Give the reason for refusing: the group will see it.");
        }
        long variationId = context.longVariable(ProcessKeys.VARIATION_ID);
        Variations.Variation variation = variations.find(variationId).orElseThrow();
        if (form.approve() && variation.newAmount() != null) {
            variations.refusalOfNewAmount(variation.applicationId(), variation.newAmount()).ifPresent(refusal -> {
                throw new ConflictException("This change can no longer be approved: " + refusal
                        + " Refuse it with that reason instead.");
            });
        }
        variations.recordReview(variationId, form.reason(), context.user().username());
        return Completion.complete(Map.of("variationApproved", form.approve()));
    }
}
