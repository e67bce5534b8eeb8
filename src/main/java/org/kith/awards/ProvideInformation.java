package org.kith.awards;

import java.util.Map;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.kith.audit.AuditLog;
import org.kith.web.PlainText;
import org.kith.workflow.TaskFormHandler;
import org.kith.workflow.TaskKeys;
import org.springframework.stereotype.Component;

/** provideInformation: the group answers the fund manager's question. */
@Component
class ProvideInformation implements TaskFormHandler<ProvideInformation.Form> {

    record Form(
            @NotBlank(message = "Enter your answer.")
            @Size(max = 10000, message = "Your answer must be 10,000 characters or fewer.")
            @PlainText String answer) {
    }

    private final AwardRecords records;
    private final AuditLog audit;

    ProvideInformation(AwardRecords records, AuditLog audit) {
        this.records = records;
        this.audit = audit;
    }

    @Override
    public String taskKey() {
        return TaskKeys.PROVIDE_INFORMATION;
    }

    @Override
    public Class<Form> formType() {
        return Form.class;
    }

    @Override
    public Completion handle(TaskContext context, Form form) {
        records.answerInformationRequest(context.applicationId(), form.answer(), context.user().username());
        audit.record(context.applicationId(), "INFORMATION_PROVIDED", null, null, null);
        return Completion.complete(Map.of());
    }
}
