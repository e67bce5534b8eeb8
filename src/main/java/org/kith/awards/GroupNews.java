package org.kith.awards;

import static org.kith.notifications.Wording.day;
import static org.kith.notifications.Wording.money;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.kith.applications.Application;
import org.kith.funds.Fund;
import org.kith.funds.Funds;
import org.kith.notifications.Outbox;
import org.kith.notifications.Wording;
import org.springframework.stereotype.Component;

/** Tells the group, by message to each member, what the fund decided: the outcome and what to do next. */
@Component
class GroupNews {

    private final Outbox outbox;
    private final Funds funds;

    GroupNews(Outbox outbox, Funds funds) {
        this.outbox = outbox;
        this.funds = funds;
    }

    void offerMade(Application application, BigDecimal amount, LocalDate respondBy) {
        Fund fund = funds.get(application.fundId());
        send(application, fund, "OFFER_MADE", "/offer", Map.of("amount", money(amount), "date", day(respondBy)),
                "An offer of a grant for your project",
                "The " + fund.name() + " is offering you a grant of " + money(amount) + " for " + project(application)
                        + ". The offer letter, with its conditions, is in Kith at the link below. Please accept or decline the offer by "
                        + day(respondBy) + "; if we do not hear from you by then, the offer lapses.");
    }

    void grantStarted(Application application, List<PaymentSchedule.Planned> payments, LocalDate reportDue) {
        Fund fund = funds.get(application.fundId());
        StringBuilder plan = new StringBuilder();
        for (PaymentSchedule.Planned payment : payments) {
            plan.append("\n- ").append(money(payment.amount())).append(" due ").append(day(payment.dueOn()));
        }
        String details = "The payments:" + plan + "\n\nYour end-of-grant report is due on " + day(reportDue)
                + ": a few questions about what you did, the difference it made and what you learned. "
                + "Tell us early if your plans change.";
        BigDecimal total = payments.stream().map(PaymentSchedule.Planned::amount).reduce(BigDecimal.ZERO,
                BigDecimal::add);
        send(application, fund, "GRANT_STARTED", "", Map.of("amount", money(total), "details", details),
                "Your grant has started",
                "Thank you for accepting the grant from the " + fund.name() + " for " + project(application)
                        + ". " + details);
    }

    void paymentMade(Application application, BigDecimal amount) {
        Fund fund = funds.get(application.fundId());
        send(application, fund, "PAYMENT_MADE", "", Map.of("amount", money(amount)),
                "A payment of your grant is on its way",
                "The " + fund.name() + " has paid " + money(amount) + " of your grant for " + project(application)
                        + ". It should reach your bank account within a few working days.");
    }

    void declined(Application application, String reason) {
        Fund fund = funds.get(application.fundId());
        send(application, fund, "APPLICATION_DECLINED", "", values("reason", reason),
                "The decision on your application",
                "The " + fund.name() + " has decided not to fund " + project(application) + ".\n\nThe reason: "
                        + reason);
    }

    void informationRequested(Application application, String question) {
        Fund fund = funds.get(application.fundId());
        send(application, fund, "INFORMATION_REQUESTED", "/question", values("question", question),
                "The fund has a question about your application",
                "Before deciding on " + project(application) + ", the " + fund.name() + " needs to know more:\n\n"
                        + question + "\n\nPlease answer in Kith, at the link below, within " + fund.timeLimits().informationLapseDays()
                        + " days; if we do not hear from you by then, the application lapses.");
    }

    void variationDecided(Application application, boolean approved, String reason) {
        Fund fund = funds.get(application.fundId());
        String outcome = approved ? "has agreed to the change you asked for to "
                : "has not agreed to the change you asked for to ";
        send(application, fund, approved ? "VARIATION_APPROVED" : "VARIATION_REFUSED", "",
                values("reason", reason), "The change you asked for to your grant",
                "The " + fund.name() + " " + outcome + project(application) + "."
                        + (reason == null || reason.isBlank() ? "" : "\n\nThe reason: " + reason));
    }

    /**
     * @param page   where to act on it: a page of the application ("/offer"), or "" for the application's own
     * @param values for the placeholders of the fund's own wording of this kind, if it has one
     */
    private void send(Application application, Fund fund, String kind, String page, Map<String, String> values,
            String subject, String text) {
        outbox.toGroup(new Outbox.GroupMessage(application.id(), application.reference(),
                application.organisationId(), fund.name(), kind, subject, text,
                Outbox.applicationPage(application.id(), page), values));
    }

    /** One value that may be null (no reason given). */
    private static Map<String, String> values(String name, String value) {
        Map<String, String> values = new HashMap<>();
        values.put(name, value);
        return values;
    }

    private static String project(Application application) {
        return Wording.project(application.title(), application.reference());
    }
}
