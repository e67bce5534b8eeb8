package org.kith.monitoring;

import java.math.BigDecimal;
import java.util.Map;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.kith.audit.AuditLog;
import org.kith.web.PlainText;
import org.kith.workflow.TaskFormHandler;
import org.kith.workflow.TaskKeys;
import org.springframework.stereotype.Component;

/** submitReport: the three harmonised questions plus people reached and money spent. */
@Component
class SubmitReport implements TaskFormHandler<SubmitReport.Form> {

    record Form(
            @NotBlank(message = "Tell us what you did.")
            @Size(max = 10000, message = "Keep this to 10,000 characters or fewer.")
            @PlainText String whatWeDid,
            @NotBlank(message = "Tell us the difference it made.")
            @Size(max = 10000, message = "Keep this to 10,000 characters or fewer.")
            @PlainText String differenceItMade,
            @NotBlank(message = "Tell us what you learned.")
            @Size(max = 10000, message = "Keep this to 10,000 characters or fewer.")
            @PlainText String whatWeLearned,
            @NotNull(message = "Enter how many people took part or benefited.")
            @Min(value = 0, message = "Enter 0 or more.")
            Integer peopleReached,
            @NotNull(message = "Enter how much of the grant you spent.")
            @DecimalMin(value = "0.00", message = "Enter 0 or more.")
            @Digits(integer = 12, fraction = 2, message = "Enter an amount in pounds and pence.")
            BigDecimal amountSpent) {
    }

    private final GrantReports reports;
    private final AuditLog audit;

    SubmitReport(GrantReports reports, AuditLog audit) {
        this.reports = reports;
        this.audit = audit;
    }

    @Override
    public String taskKey() {
        return TaskKeys.SUBMIT_REPORT;
    }

    @Override
    public Class<Form> formType() {
        return Form.class;
    }

    @Override
    public Completion handle(TaskContext context, Form form) {
        reports.submit(context.applicationId(), form, context.user().username());
        audit.record(context.applicationId(), "REPORT_SUBMITTED", null, null, null);
        return Completion.complete(Map.of());
    }
}
