package org.kith.awards;

import java.util.Map;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.kith.applications.Applications;
import org.kith.audit.AuditLog;
import org.kith.web.ConflictException;
import org.kith.workflow.TaskFormHandler;
import org.kith.workflow.TaskKeys;
import org.springframework.stereotype.Component;

/**
 * recordPayment: the fund manager records that this tranche has been paid, with the finance system's reference
 * for it (optional on the API, required on the payments page). {@code paymentId}, when given, must be the tranche
 * this task is for, so a page showing one payment can never mark another paid.
 */
@Component
class RecordPayment implements TaskFormHandler<RecordPayment.Form> {

    record Form(
            @NotNull(message = "Say whether the payment has been made.")
            @AssertTrue(message = "Record the payment once it has been made; until then leave the task open.")
            Boolean paid,
            @Size(max = AwardRecords.REFERENCE_MAX, message = "The payment reference must be 50 characters or fewer.")
            @Pattern(regexp = "[^\\p{Cc}\\p{Cf}\\p{Zl}\\p{Zp}]*",
                    message = "The payment reference can only hold letters, numbers, spaces and punctuation.")
            String reference,
            Long paymentId) {

        /** The reference without surrounding spaces, or null when blank. */
        String referenceText() {
            return reference == null || reference.isBlank() ? null : reference.strip();
        }
    }

    private final AwardRecords records;
    private final AuditLog audit;
    private final Applications applications;
    private final GroupNews news;

    RecordPayment(AwardRecords records, AuditLog audit, Applications applications, GroupNews news) {
        this.records = records;
        this.audit = audit;
        this.applications = applications;
        this.news = news;
    }

    @Override
    public String taskKey() {
        return TaskKeys.RECORD_PAYMENT;
    }

    @Override
    public Class<Form> formType() {
        return Form.class;
    }

    @Override
    public Completion handle(TaskContext context, Form form) {
        AwardRecords.Payment payment = records.payment(context.longVariable("paymentId"));
        if (form.paymentId() != null && form.paymentId() != payment.id()) {
            throw new ConflictException("This task is for another payment of the grant.");
        }
        String reference = form.referenceText();
        records.markPaid(payment.id(), context.user().username(), reference);
        audit.record(context.applicationId(), "PAYMENT_RECORDED", null, null,
                "Tranche " + payment.tranche() + ": " + payment.amount() + " paid."
                        + (reference == null ? "" : " Payment reference: " + reference + "."));
        news.paymentMade(applications.get(context.applicationId()), payment.amount());
        return Completion.complete(Map.of());
    }
}
