package org.kith.awards;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

import org.kith.applications.Application;
import org.kith.applications.ApplicationAccess;
import org.kith.identity.CurrentUser;
import org.kith.identity.Role;
import org.kith.web.ConflictException;
import org.kith.web.ForbiddenException;
import org.kith.web.InvalidInputException;
import org.kith.web.Messages;
import org.kith.web.NotFoundException;
import org.kith.web.Option;
import org.kith.web.PageForm;
import org.kith.web.PlainText;
import org.kith.web.ResumedForm;
import org.kith.workflow.DeadlockRetry;
import org.kith.workflow.ProcessProgress;
import org.kith.workflow.TaskKeys;
import org.kith.workflow.WorkflowTasks;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The fund manager's review of changes groups ask for: the requests waiting in their funds, and one request (what
 * the group wants to change, the new amount against the award as it stands) to approve or refuse with a reason.
 * The decision completes the variation process's reviewVariation task through the task service
 * ({@link ReviewVariation} checks a new amount still fits); a request decided already gives "already handled".
 */
@Controller
class VariationReviewPages {

    static final int MAX_REASON = 10_000;

    private final VariationsToReview requests;
    private final ApplicationAccess access;
    private final ProcessProgress progress;
    private final WorkflowTasks tasks;
    private final Messages messages;

    VariationReviewPages(VariationsToReview requests, ApplicationAccess access, ProcessProgress progress,
            WorkflowTasks tasks, Messages messages) {
        this.requests = requests;
        this.access = access;
        this.progress = progress;
        this.tasks = tasks;
        this.messages = messages;
    }

    @GetMapping("/staff/variations")
    String list(CurrentUser user, Model model) {
        checkFundManager(user);
        model.addAttribute("requests", requests.waiting(user));
        return "staff/variations/list";
    }

    @GetMapping("/staff/variations/{applicationId}")
    String show(CurrentUser user, @PathVariable long applicationId, HttpServletRequest http, Model model) {
        VariationsToReview.Request request = reviewable(user, applicationId);
        if (!request.open()) {
            return alreadyHandled(request, false, model);
        }
        return form(request, ResumedForm.take(http).map(PageForm::of).orElseGet(PageForm::empty), model);
    }

    @PostMapping("/staff/variations/{applicationId}")
    String review(CurrentUser user, @PathVariable long applicationId,
            @RequestParam MultiValueMap<String, String> params, Model model, RedirectAttributes redirect) {
        VariationsToReview.Request request = reviewable(user, applicationId);
        if (!request.open()) {
            return alreadyHandled(request, true, model);
        }
        PageForm form = PageForm.of(params, List.of("decision", "reason"));
        String decision = form.text("decision");
        String reason = form.text("reason");
        if (!"approve".equals(decision) && !"refuse".equals(decision)) {
            form.reject("decision", messages.text("variationReview.decisionMissing"));
        }
        if (reason == null && "refuse".equals(decision)) {
            form.reject("reason", messages.text("variationReview.reasonMissing"));
        } else if (reason != null && reason.length() > MAX_REASON) {
            form.reject("reason", messages.text("variationReview.reasonTooLong", MAX_REASON));
        } else if (!PlainText.Check.isPlain(reason)) {
            form.reject("reason", PlainText.MESSAGE);
        }
        if (form.hasErrors()) {
            return form(request, form, model);
        }
        Optional<ProcessProgress.Waiting> waiting = progress.of(request.processInstanceId())
                .task(TaskKeys.REVIEW_VARIATION);
        if (waiting.isEmpty()) {
            return alreadyHandled(reviewable(user, applicationId), true, model);
        }
        Map<String, Object> body = new HashMap<>();
        body.put("approve", "approve".equals(decision));
        body.put("reason", reason);
        try {
            DeadlockRetry.run(() -> tasks.complete(user, waiting.get().taskId(), body));
        } catch (InvalidInputException e) {
            form.reject(e, field -> "reason");
            return form(request, form, model);
        } catch (ConflictException e) {
            VariationsToReview.Request now = reviewable(user, applicationId);
            if (!now.open() || now.variationId() != request.variationId()) {
                return alreadyHandled(now, true, model);
            }
            form.reject("decision", e.getMessage()); // the new amount no longer fits: refuse it instead
            return form(request, form, model);
        }
        redirect.addFlashAttribute("successBanner", messages.text("approve".equals(decision)
                ? "variationReview.approved" : "variationReview.refused", request.reference()));
        return "redirect:/staff/variations";
    }

    /** The grant's request, for a fund manager of its fund who may read the application; otherwise 403 or 404. */
    private VariationsToReview.Request reviewable(CurrentUser user, long applicationId) {
        checkFundManager(user);
        Application application = access.readable(user, applicationId);
        if (!user.managesFund(application.fundId())) {
            throw new ForbiddenException("Only a fund manager of this fund reviews its changes.");
        }
        return requests.latest(applicationId).orElseThrow(
                () -> new NotFoundException("No change has been asked for on application " + applicationId));
    }

    private static void checkFundManager(CurrentUser user) {
        if (!user.has(Role.FUND_MANAGER)) {
            throw new ForbiddenException("Changes to grants are reviewed by fund managers.");
        }
    }

    private String form(VariationsToReview.Request request, PageForm form, Model model) {
        model.addAttribute("request", request);
        model.addAttribute("form", form);
        model.addAttribute("decisions", List.of(
                new Option("approve", messages.text("variationReview.approve")),
                new Option("refuse", messages.text("variationReview.refuse"),
                        messages.text("variationReview.refuseHint"))));
        model.addAttribute("maxLength", MAX_REASON);
        model.addAttribute("backLink", "/staff/variations");
        return "staff/variations/review";
    }

    private String alreadyHandled(VariationsToReview.Request request, boolean again, Model model) {
        model.addAttribute("request", request);
        model.addAttribute("again", again);
        return "staff/variations/already-handled";
    }
}
