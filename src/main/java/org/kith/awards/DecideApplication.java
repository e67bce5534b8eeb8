package org.kith.awards;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;

import org.kith.applications.Application;
import org.kith.applications.ApplicationStatusChanges;
import org.kith.applications.Applications;
import org.kith.audit.AuditLog;
import org.kith.funds.Fund;
import org.kith.funds.Funds;
import org.kith.web.InvalidInputException;
import org.kith.workflow.TaskFormHandler;
import org.kith.workflow.TaskKeys;
import org.springframework.stereotype.Component;

/** decideApplication: award (up to the amount asked and the money left), decline with a reason, or ask a question. */
@Component
class DecideApplication implements TaskFormHandler<DecisionForm> {

    private final AwardRecords records;
    private final Applications applications;
    private final Funds funds;
    private final AuditLog audit;
    private final GroupNews news;

    DecideApplication(AwardRecords records, Applications applications, Funds funds, AuditLog audit,
            GroupNews news) {
        this.records = records;
        this.applications = applications;
        this.funds = funds;
        this.audit = audit;
        this.news = news;
    }

    @Override
    public String taskKey() {
        return TaskKeys.DECIDE_APPLICATION;
    }

    @Override
    public Class<DecisionForm> formType() {
        return DecisionForm.class;
    }

    @Override
    public Completion handle(TaskContext context, DecisionForm form) {
        Application application = applications.get(context.applicationId());
        String manager = context.user().username();
        Map<String, Object> reason = new HashMap<>();
        switch (form.outcome()) {
            case AWARD -> {
                checkAmount(application, form.amountAwarded());
                if (form.reason() != null) {
                    reason.put(ApplicationStatusChanges.REASON, form.reason());
                }
            }
            case DECLINE -> {
                if (blank(form.reason())) {
                    throw InvalidInputException.of("reason", "Give the reason for declining: the group will see it.");
                }
                reason.put(ApplicationStatusChanges.REASON, form.reason());
                news.declined(application, form.reason());
            }
            case REQUEST_INFORMATION -> {
                if (blank(form.question())) {
                    throw InvalidInputException.of("question", "Write the question the group needs to answer.");
                }
                records.requestInformation(application.id(), form.question(), manager);
                news.informationRequested(application, form.question());
            }
        }
        BigDecimal amount = form.outcome() == DecisionOutcome.AWARD ? form.amountAwarded() : null;
        String conditions = form.outcome() == DecisionOutcome.AWARD && !blank(form.conditions())
                ? form.conditions().strip() : null;
        records.recordDecision(application.id(), form.outcome(), amount, form.reason(), form.question(), conditions,
                manager);
        String detail = form.outcome() == DecisionOutcome.AWARD ? "Awarded " + amount + "."
                : form.outcome() == DecisionOutcome.DECLINE ? form.reason() : "Asked the group a question.";
        if (form.batchOf() != null) {
            detail = detail + " (Decided in a batch of " + form.batchOf() + ".)";
        }
        audit.record(application.id(), "DECISION_" + form.outcome().name(), null, null, detail);
        return Completion.complete(Map.of("decisionOutcome", form.outcome().name()), reason);
    }

    private void checkAmount(Application application, BigDecimal amount) {
        if (amount == null || amount.signum() <= 0) {
            throw InvalidInputException.of("amountAwarded", "Enter the amount to award.");
        }
        if (amount.compareTo(application.amountRequested()) > 0) {
            throw InvalidInputException.of("amountAwarded",
                    "The award cannot be more than the " + application.amountRequested() + " asked for.");
        }
        Fund fund = funds.get(application.fundId());
        BigDecimal left = fund.budget().subtract(records.committedLocked(fund.id()));
        if (amount.compareTo(left) > 0) {
            throw InvalidInputException.of("amountAwarded", "The fund has only " + left + " left to award.");
        }
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
