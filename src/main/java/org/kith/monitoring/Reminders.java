package org.kith.monitoring;

import java.time.Clock;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Set;

import org.flowable.engine.delegate.DelegateExecution;
import org.kith.applications.Application;
import org.kith.applications.Applications;
import org.kith.audit.AuditLog;
import org.kith.identity.UserAccounts;
import org.kith.workflow.ProcessKeys;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reminders the BPMN timers fire, as {@code ${reminders.send(execution, 'REPORT_OVERDUE')}}. Each becomes a
 * notification per member of the group in the outbox; a report reminder is skipped once the report is in.
 */
@Component("reminders")
public class Reminders {

    private static final Set<String> REPORT_REMINDERS = Set.of("REPORT_DUE_SOON", "REPORT_OVERDUE");

    private final JdbcClient jdbc;
    private final Applications applications;
    private final UserAccounts accounts;
    private final GrantReports reports;
    private final AuditLog audit;
    private final Clock clock;

    Reminders(JdbcClient jdbc, Applications applications, UserAccounts accounts, GrantReports reports,
            AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.applications = applications;
        this.accounts = accounts;
        this.reports = reports;
        this.audit = audit;
        this.clock = clock;
    }

    public void send(DelegateExecution execution, String kind) {
        long applicationId = ProcessKeys.applicationId(execution);
        if (REPORT_REMINDERS.contains(kind) && reports.find(applicationId)
                .map(r -> !GrantReports.DUE.equals(r.status()) && !GrantReports.CHANGES_REQUESTED.equals(r.status()))
                .orElse(true)) {
            return;
        }
        Application application = applications.get(applicationId);
        List<String> members = accounts.members(application.organisationId());
        for (String member : members) {
            jdbc.sql("""
                    INSERT INTO notification (application_id, kind, recipient, created_at)
                    VALUES (:id, :kind, :recipient, :now)""")
                    .param("id", applicationId).param("kind", kind).param("recipient", member)
                    .param("now", LocalDateTime.now(clock)).update();
        }
        audit.record(applicationId, AuditLog.SYSTEM, "REMINDER_" + kind, null, null,
                "Reminder sent to " + members.size() + " member(s) of the group.");
    }
}
