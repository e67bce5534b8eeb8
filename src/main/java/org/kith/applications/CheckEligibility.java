package org.kith.applications;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.Clock;
import java.util.List;

import org.flowable.engine.delegate.DelegateExecution;
import org.flowable.engine.delegate.JavaDelegate;
import org.kith.funds.Fund;
import org.kith.funds.Funds;
import org.kith.organisations.Organisation;
import org.kith.organisations.Organisations;
import org.kith.workflow.ProcessKeys;
import org.springframework.stereotype.Component;

/**
 * Checks a submitted application against its fund's rules. Ineligible: status INELIGIBLE with the reasons.
 * Eligible: sets the routing facts the assessmentRoute decision table reads, and the fund's time limits.
 */
@Component("checkEligibility")
class CheckEligibility implements JavaDelegate {

    private final Applications applications;
    private final Funds funds;
    private final Organisations organisations;
    private final EligibilityPolicies policies;
    private final Clock clock;

    CheckEligibility(Applications applications, Funds funds, Organisations organisations,
            EligibilityPolicies policies, Clock clock) {
        this.applications = applications;
        this.funds = funds;
        this.organisations = organisations;
        this.policies = policies;
        this.clock = clock;
    }

    @Override
    public void execute(DelegateExecution execution) {
        long applicationId = ProcessKeys.applicationId(execution);
        Application application = applications.get(applicationId);
        Fund fund = funds.get(application.fundId());
        Organisation organisation = organisations.get(application.organisationId());
        List<String> refusals = policies.refusals(
                new EligibilityPolicy.Candidate(application, fund, organisation, LocalDate.now(clock)));
        // Facts read only on the way to the assessment task (the gateway, the route table) are transient: kept
        // for this transaction, never written as variables and their history (issue 9).
        execution.setTransientVariable("eligible", refusals.isEmpty());
        if (!refusals.isEmpty()) {
            applications.recordEligibilityReasons(applicationId, refusals);
            applications.transition(applicationId, ApplicationStatus.INELIGIBLE, "ELIGIBILITY_FAILED",
                    String.join(" ", refusals));
            return;
        }
        execution.setTransientVariable("amountRequestedPence", pence(application.amountRequested()));
        execution.setTransientVariable("lightTouchThresholdPence", pence(fund.lightTouchThreshold()));
        execution.setTransientVariable("firstTimeApplicant", !applications.hasBeenFunded(organisation.id()));
        execution.setTransientVariable("hasIdentifier", organisation.hasIdentifier());
        // the information timers fire weeks later, so their durations are stored
        Fund.TimeLimits limits = fund.timeLimits();
        execution.setVariable("informationReminderAfter", "P" + limits.informationReminderDays() + "D");
        execution.setVariable("informationLapseAfter", "P" + limits.informationLapseDays() + "D");
    }

    private static long pence(BigDecimal amount) {
        return amount.movePointRight(2).longValueExact();
    }
}
