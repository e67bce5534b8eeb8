package org.kith.awards;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.kith.applications.Application;
import org.kith.applications.ApplicationStatus;
import org.kith.applications.Route;
import org.kith.audit.AuditEvent;
import org.kith.funds.Fund;
import org.kith.monitoring.GrantReports;
import org.kith.web.Formats;
import org.kith.web.Messages;
import org.kith.workflow.ProcessProgress;
import org.kith.workflow.TaskKeys;
import org.springframework.stereotype.Component;

/**
 * An application's story in plain English for its group: what has happened (the audit trail as the group sees it,
 * the questions, the payments made) and what happens next, read from where the process is waiting now rather than
 * from a status kept by hand. Free text people wrote (a question, a reason, feedback) goes in {@code detail}, shown
 * escaped.
 */
@Component
class ApplicationTimeline {

    /**
     * @param when     a date ("3 March 2027") or, for what is still to come, "By 17 March 2027"
     * @param upcoming not happened yet; {@code action} marks the one the group should do
     * @param href     a page to act on it, with {@code linkText}
     */
    record Item(LocalDateTime at, String when, String text, String detail, boolean upcoming, boolean action,
            String href, String linkText) {
    }

    /** Everything the timeline is told from. */
    record Facts(Application application, Fund fund, ProcessProgress.Progress progress, List<AuditEvent> events,
            List<InformationRequests.InformationRequest> questions, Optional<AwardRecords.Award> award,
            BigDecimal amountOffered, List<AwardRecords.Payment> payments, Optional<GrantReports.GrantReport> report,
            List<Variations.Variation> variations) {
    }

    private record Dated(LocalDate on, Item item) {
    }

    private final Messages messages;
    private final Formats fmt;
    private final Clock clock;

    ApplicationTimeline(Messages messages, Formats fmt, Clock clock) {
        this.messages = messages;
        this.fmt = fmt;
        this.clock = clock;
    }

    List<Item> of(Facts facts) {
        List<Item> past = new ArrayList<>();
        for (AuditEvent event : facts.events()) {
            happened(event, facts).ifPresent(past::add);
        }
        for (InformationRequests.InformationRequest q : facts.questions()) {
            past.add(past(q.requestedAt(), text("grant.timeline.asked"), q.question()));
            if (q.answered()) {
                past.add(past(q.answeredAt(), text("grant.timeline.answered"), q.answer()));
            }
        }
        for (AwardRecords.Payment p : facts.payments()) {
            if (p.paidAt() != null) {
                past.add(past(p.paidAt(), text("grant.timeline.paid", fmt.money(p.amount())), null));
            }
        }
        past.sort(Comparator.comparing(Item::at));
        List<Item> items = new ArrayList<>(past);
        items.addAll(upcoming(facts));
        return items;
    }

    private Optional<Item> happened(AuditEvent e, Facts facts) {
        String detail = e.detail();
        String text = switch (e.action()) {
            case "SUBMITTED" -> text("grant.timeline.sent", facts.fund().name());
            case "ELIGIBILITY_FAILED" -> text("grant.timeline.ineligible");
            case "ROUTED" -> text(facts.application().route() == Route.FULL ? "grant.timeline.routedFull"
                    : "grant.timeline.routedLight");
            case "STATUS_AWAITING_DECISION" -> ApplicationStatus.IN_ASSESSMENT.name().equals(e.fromStatus())
                    ? text("grant.timeline.assessed") : null;
            case "STATUS_DECLINED" -> text("grant.timeline.declined");
            case "OFFER_MADE" -> text("grant.timeline.offered", fmt.money(facts.amountOffered()));
            case "OFFER_ACCEPTED" -> text("grant.timeline.accepted");
            case "OFFER_TURNED_DOWN" -> text("grant.timeline.turnedDown");
            case "STATUS_OFFER_LAPSED" -> text("grant.timeline.offerLapsed");
            case "STATUS_LAPSED" -> text("grant.timeline.lapsed");
            case "GRANT_STARTED" -> text("grant.timeline.started");
            case "REPORT_SUBMITTED" -> text("grant.timeline.reportSent");
            case "REPORT_CHANGES_REQUESTED" -> text("grant.timeline.reportChanges");
            case "REPORT_ACCEPTED" -> text("grant.timeline.reportAccepted");
            case "VARIATION_REQUESTED" -> text("grant.timeline.variationAsked");
            case "VARIATION_APPROVED" -> text("grant.timeline.variationApproved");
            case "VARIATION_REFUSED" -> text("grant.timeline.variationRefused");
            case "VARIATION_CANCELLED" -> text("grant.timeline.variationCancelled");
            case "WITHDRAWN", "STATUS_WITHDRAWN" -> text("grant.timeline.withdrawn");
            case "STATUS_CLOSED" -> text("grant.timeline.closed");
            default -> null;
        };
        if (text == null) {
            return Optional.empty();
        }
        // The reason for an offer (OFFER_MADE) is our own wording with raw figures; the rest is what people wrote.
        boolean showDetail = !"OFFER_MADE".equals(e.action()) && !"ROUTED".equals(e.action())
                && !"SUBMITTED".equals(e.action()) && !"GRANT_STARTED".equals(e.action());
        return Optional.of(past(e.occurredAt(), text, showDetail ? detail : null));
    }

    private List<Item> upcoming(Facts facts) {
        long id = facts.application().id();
        ProcessProgress.Progress progress = facts.progress();
        List<Item> next = new ArrayList<>();
        LocalDate aim = aimedDecision(facts);
        if (progress.waitsFor(TaskKeys.ASSESS_APPLICATION)) {
            next.add(upcoming(aim == null ? text("grant.when.now") : text("grant.when.aim", fmt.date(aim)),
                    text(facts.application().route() == Route.FULL ? "grant.next.assessedFull"
                            : "grant.next.assessedLight"), false, null, null));
        }
        if (progress.waitsFor(TaskKeys.DECIDE_APPLICATION)) {
            next.add(upcoming(aim == null ? text("grant.when.now") : text("grant.when.aim", fmt.date(aim)),
                    text("grant.next.deciding"), false, null, null));
        }
        progress.task(TaskKeys.PROVIDE_INFORMATION).ifPresent(task -> next.add(upcoming(
                by(task.due()), text("grant.next.answer"), true, page(id, "/question"), text("grant.action.answer"))));
        if (progress.isAt("issueOfferLetter")) {
            next.add(upcoming(text("grant.when.now"), text("grant.next.letter"), false, null, null));
        }
        if (progress.waitsFor(TaskKeys.ACCEPT_OFFER)) {
            LocalDate respondBy = facts.award().map(AwardRecords.Award::respondBy).orElse(null);
            next.add(upcoming(by(respondBy), text("grant.next.acceptOffer", fmt.money(facts.amountOffered())), true,
                    page(id, "/offer"), text("grant.action.offer")));
        }
        if (progress.waitsFor(TaskKeys.REVIEW_REPORT)) {
            next.add(upcoming(text("grant.when.now"), text("grant.next.reportReview"), false, null, null));
        }
        for (Variations.Variation v : facts.variations()) {
            if ("REQUESTED".equals(v.status())) {
                next.add(upcoming(text("grant.when.now"), text("grant.next.variation"), false, null, null));
            }
        }
        // What has a date comes after what is happening now, soonest first.
        List<Dated> dated = new ArrayList<>();
        if (facts.application().status() == ApplicationStatus.FUNDED) {
            for (AwardRecords.Payment p : facts.payments()) {
                if (p.paidAt() == null) {
                    dated.add(new Dated(p.dueOn(), upcoming(text("grant.when.due", fmt.date(p.dueOn())),
                            text("grant.next.payment", fmt.money(p.amount())), false, null, null)));
                }
            }
        }
        facts.report().filter(r -> progress.waitsFor(TaskKeys.SUBMIT_REPORT)).ifPresent(report -> {
            boolean changes = GrantReports.CHANGES_REQUESTED.equals(report.status());
            boolean late = report.dueOn().isBefore(LocalDate.now(clock));
            dated.add(new Dated(report.dueOn(), upcoming(
                    text(late ? "grant.when.wasDue" : "grant.when.due", fmt.date(report.dueOn())),
                    text(changes ? "grant.next.reportChange" : "grant.next.report"), true, page(id, "/report"),
                    text(changes ? "grant.action.changeReport" : "grant.action.report"))));
        });
        dated.sort(Comparator.comparing(Dated::on));
        dated.forEach(d -> next.add(d.item()));
        if (facts.application().status() == ApplicationStatus.FUNDED) {
            next.add(upcoming(text("grant.when.end"), text("grant.next.close"), false, null, null));
        }
        return next;
    }

    /** When the fund aims to decide: its published decision time from the day the application was sent. */
    private LocalDate aimedDecision(Facts facts) {
        LocalDateTime sent = facts.application().submittedAt();
        int weeks = facts.fund().timeLimits().decisionWeeks();
        return sent == null || weeks <= 0 ? null : sent.toLocalDate().plusWeeks(weeks);
    }

    private String by(LocalDate day) {
        return day == null ? text("grant.when.now") : text("grant.when.by", fmt.date(day));
    }

    private Item past(LocalDateTime at, String text, String detail) {
        return new Item(at, fmt.date(at), text, detail == null || detail.isBlank() ? null : detail, false, false,
                null, null);
    }

    private static Item upcoming(String when, String text, boolean action, String href, String linkText) {
        return new Item(null, when, text, null, true, action, href, linkText);
    }

    private static String page(long applicationId, String subPage) {
        return "/applications/" + applicationId + subPage;
    }

    private String text(String key, Object... args) {
        return messages.text(key, args);
    }
}
