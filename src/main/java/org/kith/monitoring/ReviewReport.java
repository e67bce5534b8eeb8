package org.kith.monitoring;

import java.util.Map;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.kith.audit.AuditLog;
import org.kith.web.InvalidInputException;
import org.kith.web.PlainText;
import org.kith.workflow.TaskFormHandler;
import org.kith.workflow.TaskKeys;
import org.springframework.stereotype.Component;

/** reviewReport: accept the report, or ask for changes with feedback the group can act on. */
@Component
class ReviewReport implements TaskFormHandler<ReviewReport.Form> {

    enum Outcome { ACCEPT, REQUEST_CHANGES }

    record Form(
            @NotNull(message = "Choose ACCEPT or REQUEST_CHANGES.") Outcome outcome,
            @Size(max = 10000, message = "Feedback must be 10,000 characters or fewer.") @PlainText String feedback) {
    }

    private final GrantReports reports;
    private final AuditLog audit;

    ReviewReport(GrantReports reports, AuditLog audit) {
        this.reports = reports;
        this.audit = audit;
    }

    @Override
    public String taskKey() {
        return TaskKeys.REVIEW_REPORT;
    }

    @Override
    public Class<Form> formType() {
        return Form.class;
    }

    @Override
    public Completion handle(TaskContext context, Form form) {
        boolean accepted = form.outcome() == Outcome.ACCEPT;
        if (!accepted && (form.feedback() == null || form.feedback().isBlank())) {
            throw InvalidInputException.of("feedback", "Say what the group should change.");
        }
        reports.review(context.applicationId(), accepted, form.feedback(), context.user().username());
        audit.record(context.applicationId(), accepted ? "REPORT_ACCEPTED" : "REPORT_CHANGES_REQUESTED",
                null, null, form.feedback());
        return Completion.complete(Map.of("reportAccepted", accepted));
    }
}
