package org.kith.awards;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;

import org.flowable.engine.delegate.DelegateExecution;
import org.flowable.engine.delegate.JavaDelegate;
import org.kith.applications.Application;
import org.kith.applications.ApplicationStatus;
import org.kith.applications.Applications;
import org.kith.funds.Fund;
import org.kith.funds.Funds;
import org.kith.monitoring.GrantReports;
import org.kith.workflow.ProcessKeys;
import org.springframework.stereotype.Component;

/**
 * The offer is accepted: the grant is FUNDED, its payments are scheduled by the fund's rule and its
 * end-of-grant report is due from the start, with the reminder dates the BPMN timers read.
 */
@Component("startGrant")
class StartGrant implements JavaDelegate {

    private final AwardRecords records;
    private final Applications applications;
    private final Funds funds;
    private final GrantReports reports;
    private final Clock clock;
    private final GroupNews news;

    StartGrant(AwardRecords records, Applications applications, Funds funds, GrantReports reports, Clock clock,
            GroupNews news) {
        this.records = records;
        this.applications = applications;
        this.funds = funds;
        this.reports = reports;
        this.clock = clock;
        this.news = news;
    }

    @Override
    public void execute(DelegateExecution execution) {
        long applicationId = ProcessKeys.applicationId(execution);
        Application application = applications.get(applicationId);
        Fund fund = funds.get(application.fundId());
        LocalDate today = LocalDate.now(clock);
        applications.transition(applicationId, ApplicationStatus.FUNDED, "GRANT_STARTED", null);
        List<PaymentSchedule.Planned> payments = PaymentSchedule.plan(application.route(), fund,
                application.amountAwarded(), today);
        for (PaymentSchedule.Planned p : payments) {
            records.schedulePayment(applicationId, p.tranche(), p.amount(), p.dueOn());
        }
        Fund.Reporting reporting = fund.reporting();
        LocalDate due = today.plusDays(reporting.dueAfterDays());
        reports.expect(applicationId, due);
        news.grantStarted(application, payments, due);
        execution.setVariable("reportDueAt", startOf(due));
        execution.setVariable("reportReminderAt", startOf(due.minusDays(reporting.reminderDaysBefore())));
        execution.setVariable("reportOverdueAt", startOf(due.plusDays(reporting.overdueReminderDaysAfter())));
    }

    private static Date startOf(LocalDate day) {
        return Date.from(day.atStartOfDay(ZoneOffset.UTC).toInstant());
    }
}
