package org.kith.awards;

import java.util.Map;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.kith.audit.AuditLog;
import org.kith.web.PlainText;
import org.kith.workflow.TaskFormHandler;
import org.kith.workflow.TaskKeys;
import org.springframework.stereotype.Component;

/** acceptOffer: the group accepts or turns down the offer. */
@Component
class AcceptOffer implements TaskFormHandler<AcceptOffer.Form> {

    /** {@code reason}: why the group turns the offer down, if it wants to say; the fund sees it in the history. */
    record Form(
            @NotNull(message = "Say whether you accept the offer.") Boolean accept,
            @Size(max = 2000, message = "Keep the reason to 2,000 characters or fewer.") @PlainText String reason) {
    }

    private final AwardRecords records;
    private final AuditLog audit;

    AcceptOffer(AwardRecords records, AuditLog audit) {
        this.records = records;
        this.audit = audit;
    }

    @Override
    public String taskKey() {
        return TaskKeys.ACCEPT_OFFER;
    }

    @Override
    public Class<Form> formType() {
        return Form.class;
    }

    @Override
    public Completion handle(TaskContext context, Form form) {
        records.respondToOffer(context.applicationId(), form.accept(), context.user().username());
        String reason = form.accept() || form.reason() == null || form.reason().isBlank() ? null : form.reason().strip();
        audit.record(context.applicationId(), form.accept() ? "OFFER_ACCEPTED" : "OFFER_TURNED_DOWN", null, null, reason);
        return Completion.complete(Map.of("offerAccepted", form.accept()));
    }
}
