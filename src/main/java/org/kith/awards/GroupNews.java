package org.kith.awards;

import static org.kith.notifications.Wording.day;
import static org.kith.notifications.Wording.money;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

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
        send(application, fund, "OFFER_MADE", "/offer", "An offer of a grant for your project",
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
        send(application, fund, "GRANT_STARTED", "", "Your grant has started",
                "Thank you for accepting the grant from the " + fund.name() + " for " + project(application)
                        + ". The payments:" + plan + "\n\nYour end-of-grant report is due on " + day(reportDue)
                        + ": a few questions about what you did, the difference it made and what you learned. "
                        + "Tell us early if your plans change.");
    }

    void paymentMade(Application application, BigDecimal amount) {
        Fund fund = funds.get(application.fundId());
        send(application, fund, "PAYMENT_MADE", "", "A payment of your grant is on its way",
                "The " + fund.name() + " has paid " + money(amount) + " of your grant for " + project(application)
                        + ". It should reach your bank account within a few working days.");
    }

    void declined(Application application, String reason) {
        Fund fund = funds.get(application.fundId());
        send(application, fund, "APPLICATION_DECLINED", "", "The decision on your application",
                "The " + fund.name() + " has decided not to fund " + project(application) + ".\n\nThe reason: "
                        + reason);
    }

    void informationRequested(Application application, String question) {
        Fund fund = funds.get(application.fundId());
        send(application, fund, "INFORMATION_REQUESTED", "/question",
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
                "The change you asked for to your grant",
                "The " + fund.name() + " " + outcome + project(application) + "."
                        + (reason == null || reason.isBlank() ? "" : "\n\nThe reason: " + reason));
    }

    /** @param page where to act on it: a page of the application ("/offer"), or "" for the application's own */
    private void send(Application application, Fund fund, String kind, String page, String subject, String text) {
        outbox.toGroup(new Outbox.GroupMessage(application.id(), application.reference(),
                application.organisationId(), fund.name(), kind, subject, text,
                Outbox.applicationPage(application.id(), page)));
    }

    private static String project(Application application) {
        return Wording.project(application.title(), application.reference());
    }
}
