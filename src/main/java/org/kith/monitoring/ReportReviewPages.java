package org.kith.monitoring;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

import org.kith.applications.Application;
import org.kith.applications.ApplicationAccess;
import org.kith.funds.Funds;
import org.kith.identity.CurrentUser;
import org.kith.identity.Role;
import org.kith.web.ForbiddenException;
import org.kith.web.InvalidInputException;
import org.kith.web.Messages;
import org.kith.web.NotFoundException;
import org.kith.web.Option;
import org.kith.web.PageForm;
import org.kith.web.PlainText;
import org.kith.web.ResumedForm;
import org.kith.workflow.TaskKeys;
import org.kith.workflow.TaskOutcome;
import org.kith.workflow.TaskPages;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The fund manager's review of end-of-grant reports: the reports waiting in the funds they manage, and one report
 * (what the group did, the difference it made, what it learned, people reached, money spent against awarded) to
 * accept or send back with feedback. The decision completes the waiting reviewReport task through the task
 * service ({@link ReviewReport} records it and tells the group); a report reviewed already gives "already handled".
 */
@Controller
class ReportReviewPages {

    static final int MAX_FEEDBACK = 10_000;

    private final ReportsToReview waiting;
    private final GrantReports reports;
    private final ApplicationAccess access;
    private final Funds funds;
    private final TaskPages taskPages;
    private final Messages messages;

    ReportReviewPages(ReportsToReview waiting, GrantReports reports, ApplicationAccess access, Funds funds,
            TaskPages taskPages, Messages messages) {
        this.waiting = waiting;
        this.reports = reports;
        this.access = access;
        this.funds = funds;
        this.taskPages = taskPages;
        this.messages = messages;
    }

    @GetMapping("/staff/reports")
    String list(CurrentUser user, Model model) {
        checkFundManager(user);
        model.addAttribute("reports", waiting.waiting(user));
        return "staff/reports/list";
    }

    @GetMapping("/staff/reports/{applicationId}")
    String show(CurrentUser user, @PathVariable long applicationId, HttpServletRequest request, Model model) {
        Reviewable found = reviewable(user, applicationId);
        if (!GrantReports.SUBMITTED.equals(found.report().status())) {
            return alreadyHandled(found, false, model);
        }
        return form(found, ResumedForm.take(request).map(PageForm::of).orElseGet(PageForm::empty), model);
    }

    @PostMapping("/staff/reports/{applicationId}")
    String review(CurrentUser user, @PathVariable long applicationId,
            @RequestParam MultiValueMap<String, String> params, Model model, RedirectAttributes redirect) {
        Reviewable found = reviewable(user, applicationId);
        if (!GrantReports.SUBMITTED.equals(found.report().status())) {
            return alreadyHandled(found, true, model);
        }
        PageForm form = PageForm.of(params, List.of("outcome", "feedback"));
        String outcome = form.text("outcome");
        String feedback = form.text("feedback");
        if (!"ACCEPT".equals(outcome) && !"REQUEST_CHANGES".equals(outcome)) {
            form.reject("outcome", messages.text("reportReview.outcomeMissing"));
        }
        if (feedback == null && "REQUEST_CHANGES".equals(outcome)) {
            form.reject("feedback", messages.text("reportReview.feedbackMissing"));
        } else if (feedback != null && feedback.length() > MAX_FEEDBACK) {
            form.reject("feedback", messages.text("reportReview.feedbackTooLong", MAX_FEEDBACK));
        } else if (!PlainText.Check.isPlain(feedback)) {
            form.reject("feedback", PlainText.MESSAGE);
        }
        if (form.hasErrors()) {
            return form(found, form, model);
        }
        Map<String, Object> task = new HashMap<>();
        task.put("outcome", outcome);
        task.put("feedback", feedback);
        Optional<TaskOutcome> done;
        try {
            done = taskPages.completeWaiting(user, found.application().processInstanceId(), TaskKeys.REVIEW_REPORT,
                    task);
        } catch (InvalidInputException e) {
            form.reject(e, field -> "outcome".equals(field) ? "outcome" : "feedback");
            return form(found, form, model);
        }
        if (done.isEmpty()) {
            return alreadyHandled(reviewable(user, applicationId), true, model);
        }
        redirect.addFlashAttribute("successBanner", messages.text("ACCEPT".equals(outcome)
                ? "reportReview.accepted" : "reportReview.changesAsked", found.application().reference()));
        return "redirect:/staff/reports";
    }

    private record Reviewable(Application application, GrantReports.GrantReport report, String fundName) {
    }

    /** The report, for a fund manager of its fund who may read the application; otherwise 403 or 404. */
    private Reviewable reviewable(CurrentUser user, long applicationId) {
        checkFundManager(user);
        Application application = access.readable(user, applicationId);
        if (!user.managesFund(application.fundId())) {
            throw new ForbiddenException("Only a fund manager of this fund reviews its reports.");
        }
        GrantReports.GrantReport report = reports.find(applicationId)
                .filter(r -> !GrantReports.DUE.equals(r.status()) || r.whatWeDid() != null)
                .orElseThrow(() -> new NotFoundException("No report has been sent for application " + applicationId));
        return new Reviewable(application, report, funds.get(application.fundId()).name());
    }

    private static void checkFundManager(CurrentUser user) {
        if (!user.has(Role.FUND_MANAGER)) {
            throw new ForbiddenException("Reports are reviewed by fund managers.");
        }
    }

    private String form(Reviewable found, PageForm form, Model model) {
        put(found, model);
        model.addAttribute("form", form.anchor("outcome", "outcome"));
        model.addAttribute("outcomes", List.of(
                new Option("ACCEPT", messages.text("reportReview.accept")),
                new Option("REQUEST_CHANGES", messages.text("reportReview.requestChanges"),
                        messages.text("reportReview.requestChangesHint"))));
        model.addAttribute("maxLength", MAX_FEEDBACK);
        model.addAttribute("backLink", "/staff/reports");
        return "staff/reports/review";
    }

    private String alreadyHandled(Reviewable found, boolean again, Model model) {
        put(found, model);
        model.addAttribute("again", again);
        return "staff/reports/already-handled";
    }

    private void put(Reviewable found, Model model) {
        BigDecimal awarded = found.application().amountAwarded();
        BigDecimal spent = found.report().amountSpent();
        model.addAttribute("app", found.application());
        model.addAttribute("report", found.report());
        model.addAttribute("fundName", found.fundName());
        model.addAttribute("awarded", awarded);
        model.addAttribute("difference", awarded == null || spent == null ? null : awarded.subtract(spent));
    }
}
