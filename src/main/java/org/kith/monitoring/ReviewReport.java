package org.kith.monitoring;

import java.util.Map;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.kith.applications.Application;
import org.kith.applications.Applications;
import org.kith.audit.AuditLog;
import org.kith.funds.Funds;
import org.kith.notifications.Outbox;
import org.kith.notifications.Wording;
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
    private final Applications applications;
    private final Funds funds;
    private final Outbox outbox;

    ReviewReport(GrantReports reports, AuditLog audit, Applications applications, Funds funds, Outbox outbox) {
        this.reports = reports;
        this.audit = audit;
        this.applications = applications;
        this.funds = funds;
        this.outbox = outbox;
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
        tellTheGroup(context.applicationId(), accepted, form.feedback());
        return Completion.complete(Map.of("reportAccepted", accepted));
    }

    private void tellTheGroup(long applicationId, boolean accepted, String feedback) {
        Application application = applications.get(applicationId);
        String fundName = funds.get(application.fundId()).name();
        String project = Wording.project(application.title(), application.reference());
        String text = accepted
                ? "Thank you for your end-of-grant report on " + project + ". The " + fundName + " has accepted it."
                        + (feedback == null || feedback.isBlank() ? "" : "\n\nA note from the fund: " + feedback)
                : "Thank you for your end-of-grant report on " + project + ". The " + fundName
                        + " has asked for some changes before accepting it:\n\n" + feedback
                        + "\n\nYou can change the report and send it again in Kith, at the link below.";
        outbox.toGroup(new Outbox.GroupMessage(applicationId, application.reference(), application.organisationId(),
                fundName, accepted ? "REPORT_ACCEPTED" : "REPORT_CHANGES_REQUESTED",
                accepted ? "Your report has been accepted" : "Your report needs some changes", text,
                Outbox.applicationPage(applicationId, accepted ? "" : "/report")).with("feedback", feedback));
    }
}
