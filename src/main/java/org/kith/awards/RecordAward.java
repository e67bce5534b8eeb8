package org.kith.awards;

import java.time.Clock;
import java.time.LocalDate;

import org.flowable.engine.delegate.DelegateExecution;
import org.flowable.engine.delegate.JavaDelegate;
import org.kith.applications.Application;
import org.kith.applications.ApplicationStatus;
import org.kith.applications.Applications;
import org.kith.funds.Fund;
import org.kith.funds.Funds;
import org.kith.workflow.ProcessKeys;
import org.springframework.stereotype.Component;

/** Turns the fund manager's AWARD decision into an award and an offer with a date to answer by. */
@Component("recordAward")
class RecordAward implements JavaDelegate {

    private final AwardRecords records;
    private final Applications applications;
    private final Funds funds;
    private final Clock clock;
    private final GroupNews news;

    RecordAward(AwardRecords records, Applications applications, Funds funds, Clock clock, GroupNews news) {
        this.records = records;
        this.applications = applications;
        this.funds = funds;
        this.clock = clock;
        this.news = news;
    }

    @Override
    public void execute(DelegateExecution execution) {
        long applicationId = ProcessKeys.applicationId(execution);
        Application application = applications.get(applicationId);
        Fund fund = funds.get(application.fundId());
        AwardRecords.Decision decision = records.latestDecision(applicationId)
                .filter(d -> DecisionOutcome.AWARD.name().equals(d.outcome()))
                .orElseThrow(() -> new IllegalStateException("no award decision for application " + applicationId));
        LocalDate respondBy = LocalDate.now(clock).plusDays(fund.timeLimits().offerAcceptanceDays());
        String conditions = "Spend the grant on the project described in your application; report on what you did, "
                + "the difference it made and what you learned by the date we give you; tell us early if plans change."
                + (decision.conditions() == null ? "" : "\n\n" + decision.conditions());
        records.createAward(applicationId, decision.amountAwarded(), conditions, respondBy);
        applications.recordAmountAwarded(applicationId, decision.amountAwarded());
        applications.transition(applicationId, ApplicationStatus.OFFERED, "OFFER_MADE",
                "Offered " + decision.amountAwarded() + "; answer by " + respondBy + ".");
        news.offerMade(application, decision.amountAwarded(), respondBy);
    }
}
