package org.kith.applications;

import java.time.LocalDate;

import org.kith.funds.Fund;
import org.kith.notifications.Outbox;
import org.kith.notifications.Wording;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Tells each member of the group that its application is in: the reference, what happens next (or why the fund
 * cannot take it), when to expect a decision, and where to follow it. Written in the submitting transaction.
 */
@Component
class SubmissionNews {

    private final Outbox outbox;
    private final String publicUrl;

    SubmissionNews(Outbox outbox, @Value("${kith.public-url:http://localhost:8080}") String publicUrl) {
        this.outbox = outbox;
        this.publicUrl = publicUrl;
    }

    static LocalDate decisionBy(Application application, Fund fund) {
        if (application.submittedAt() == null || fund.timeLimits() == null || fund.timeLimits().decisionWeeks() <= 0) {
            return null;
        }
        return application.submittedAt().toLocalDate().plusWeeks(fund.timeLimits().decisionWeeks());
    }

    void submitted(Application application, Fund fund) {
        StringBuilder text = new StringBuilder();
        if (application.status() == ApplicationStatus.INELIGIBLE) {
            text.append("We are sorry, but the fund cannot consider it:");
            application.eligibilityReasons().forEach(reason -> text.append("\n- ").append(reason));
        } else {
            text.append("What happens next: ").append(application.route() == Route.FULL
                    ? "two assessors will each read and score your application, then a fund manager decides."
                    : "an assessor will read and score your application, then a fund manager decides.");
            LocalDate by = decisionBy(application, fund);
            if (by != null) {
                text.append(" You should hear from us by ").append(Wording.day(by)).append('.');
            }
            text.append(" We may ask you a question before deciding; we will email you if we do.");
        }
        String details = text.toString(); // what happens next, or why the fund cannot take it
        text.insert(0, "Thank you: we have received your application to the " + fund.name() + " for "
                + Wording.project(application.title(), application.reference()) + ".\n\n");
        text.append("\n\nFollow your application at ").append(publicUrl).append("/applications/")
                .append(application.id());
        outbox.toGroup(new Outbox.GroupMessage(application.id(), application.reference(), application.organisationId(),
                fund.name(), "APPLICATION_SUBMITTED", "We have received your application", text.toString())
                .with("details", details)
                .with("amount", application.amountRequested() == null ? null : Wording.money(application.amountRequested())));
    }
}
