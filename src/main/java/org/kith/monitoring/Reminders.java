package org.kith.monitoring;

import java.time.LocalDate;
import java.util.Optional;
import java.util.Set;

import org.flowable.engine.delegate.DelegateExecution;
import org.kith.applications.Application;
import org.kith.applications.Applications;
import org.kith.audit.AuditLog;
import org.kith.funds.Funds;
import org.kith.notifications.Outbox;
import org.kith.notifications.Wording;
import org.kith.workflow.ProcessKeys;
import org.springframework.stereotype.Component;

/**
 * Reminders the BPMN timers fire, as {@code ${reminders.send(execution, 'REPORT_OVERDUE')}}. Each becomes a
 * message per member of the group in the outbox, written now with what it needs to say; a report reminder is
 * skipped once the report is in.
 */
@Component("reminders")
public class Reminders {

    private static final Set<String> REPORT_REMINDERS = Set.of("REPORT_DUE_SOON", "REPORT_OVERDUE");

    private final Applications applications;
    private final Funds funds;
    private final GrantReports reports;
    private final Outbox outbox;
    private final AuditLog audit;

    Reminders(Applications applications, Funds funds, GrantReports reports, Outbox outbox, AuditLog audit) {
        this.applications = applications;
        this.funds = funds;
        this.reports = reports;
        this.outbox = outbox;
        this.audit = audit;
    }

    public void send(DelegateExecution execution, String kind) {
        long applicationId = ProcessKeys.applicationId(execution);
        Optional<GrantReports.GrantReport> report = reports.find(applicationId);
        if (REPORT_REMINDERS.contains(kind) && report
                .map(r -> !GrantReports.DUE.equals(r.status()) && !GrantReports.CHANGES_REQUESTED.equals(r.status()))
                .orElse(true)) {
            return;
        }
        Application application = applications.get(applicationId);
        String fundName = funds.get(application.fundId()).name();
        LocalDate reportDue = report.map(GrantReports.GrantReport::dueOn).orElse(null);
        int members = outbox.toGroup(new Outbox.GroupMessage(applicationId, application.reference(),
                application.organisationId(), fundName, kind, subject(kind),
                text(kind, application, fundName, reportDue), Outbox.applicationPage(applicationId, page(kind)))
                .with("date", reportDue == null ? null : Wording.day(reportDue)));
        audit.record(applicationId, AuditLog.SYSTEM, "REMINDER_" + kind, null, null,
                "Reminder sent to " + members + " member(s) of the group.");
    }

    /** Where the group acts on it: the question, the report, or the application's page. */
    private static String page(String kind) {
        return switch (kind) {
            case "INFORMATION_REMINDER" -> "/question";
            case "REPORT_DUE_SOON", "REPORT_OVERDUE" -> "/report";
            default -> "";
        };
    }

    private static String subject(String kind) {
        return switch (kind) {
            case "INFORMATION_REMINDER" -> "Reminder: the fund is waiting for your answer";
            case "REPORT_DUE_SOON" -> "Your end-of-grant report is due soon";
            case "REPORT_OVERDUE" -> "Your end-of-grant report is overdue";
            default -> "A reminder";
        };
    }

    private static String text(String kind, Application application, String fundName, LocalDate reportDue) {
        String project = Wording.project(application.title(), application.reference());
        String due = reportDue == null ? "" : " on " + Wording.day(reportDue);
        return switch (kind) {
            case "INFORMATION_REMINDER" -> "The " + fundName + " asked you a question about your application "
                    + project + " and is still waiting for your answer. If we do not hear from you, the "
                    + "application will lapse.";
            case "REPORT_DUE_SOON" -> "The end-of-grant report for " + project + " from the " + fundName
                    + " is due" + due + ". It asks what you did, the difference it made, what you learned, how "
                    + "many people took part and what you spent.";
            case "REPORT_OVERDUE" -> "The end-of-grant report for " + project + " from the " + fundName
                    + " was due" + due + " and we have not received it yet. If something is in the way, "
                    + "tell us when you send it.";
            default -> "There is something waiting for you about " + project + ".";
        };
    }
}
