package org.kith.awards;

import java.util.Map;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;

import org.kith.applications.Applications;
import org.kith.audit.AuditLog;
import org.kith.workflow.TaskFormHandler;
import org.kith.workflow.TaskKeys;
import org.springframework.stereotype.Component;

/** recordPayment: the fund manager records that this tranche has been paid. */
@Component
class RecordPayment implements TaskFormHandler<RecordPayment.Form> {

    record Form(
            @NotNull(message = "Say whether the payment has been made.")
            @AssertTrue(message = "Record the payment once it has been made; until then leave the task open.")
            Boolean paid) {
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
        records.markPaid(payment.id(), context.user().username());
        audit.record(context.applicationId(), "PAYMENT_RECORDED", null, null,
                "Tranche " + payment.tranche() + ": " + payment.amount() + " paid.");
        news.paymentMade(applications.get(context.applicationId()), payment.amount());
        return Completion.complete(Map.of());
    }
}
