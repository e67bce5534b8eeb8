package org.kith.awards;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import org.kith.applications.Application;
import org.kith.applications.ApplicationAccess;
import org.kith.applications.ApplicationStatus;
import org.kith.audit.AuditEvent;
import org.kith.audit.AuditLog;
import org.kith.funds.Fund;
import org.kith.funds.Funds;
import org.kith.identity.CurrentUser;
import org.kith.identity.Role;
import org.kith.identity.UserAccounts;
import org.kith.monitoring.GrantReports;
import org.kith.web.ConflictException;
import org.kith.web.Formats;
import org.kith.web.InvalidInputException;
import org.kith.web.Messages;
import org.kith.web.NotFoundException;
import org.kith.web.Option;
import org.kith.web.PageForm;
import org.kith.web.ResumedForm;
import org.kith.workflow.ProcessProgress;
import org.kith.workflow.TaskKeys;
import org.kith.workflow.TaskPages;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The group's pages after sending an application: the application's own page (where it stands, its timeline, its
 * payments and changes, and what the group can do now), answering the fund's question, the offer, and asking for
 * a change to a running grant. Task forms are completed through the task service, so every rule of the API holds;
 * a form sent twice completes once and then says it was already done. Another group's application is not found.
 */
@Controller
class GrantPages {

    static final int MAX_ANSWER = 10_000;
    static final int MAX_REASON = 2_000;
    static final int MAX_DESCRIPTION = 10_000;

    private final ApplicationAccess access;
    private final Funds funds;
    private final AwardRecords records;
    private final InformationRequests questions;
    private final Variations variations;
    private final VariationController variationApi;
    private final GrantReports reports;
    private final AuditLog audit;
    private final UserAccounts accounts;
    private final ProcessProgress progress;
    private final TaskPages taskPages;
    private final ApplicationTimeline timeline;
    private final Messages messages;
    private final Validator validator;
    private final Formats fmt;

    GrantPages(ApplicationAccess access, Funds funds, AwardRecords records, InformationRequests questions,
            Variations variations, VariationController variationApi, GrantReports reports, AuditLog audit,
            UserAccounts accounts, ProcessProgress progress, TaskPages taskPages, ApplicationTimeline timeline,
            Messages messages, Validator validator, Formats fmt) {
        this.fmt = fmt;
        this.access = access;
        this.funds = funds;
        this.records = records;
        this.questions = questions;
        this.variations = variations;
        this.variationApi = variationApi;
        this.reports = reports;
        this.audit = audit;
        this.accounts = accounts;
        this.progress = progress;
        this.taskPages = taskPages;
        this.timeline = timeline;
        this.messages = messages;
        this.validator = validator;
    }

    // ---- The application's page -------------------------------------------------------------------------------

    @GetMapping("/applications/{id}")
    String show(CurrentUser user, @PathVariable long id, Model model) {
        Application application = access.readable(user, id);
        if (application.status() == ApplicationStatus.DRAFT) {
            return "redirect:/applications/" + id + "/apply";
        }
        Fund fund = funds.get(application.fundId());
        ProcessProgress.Progress now = progress.of(application.processInstanceId());
        List<AuditEvent> events = audit.forApplicant(id, Set.copyOf(accounts.members(application.organisationId())));
        Optional<AwardRecords.Award> award = records.award(id);
        List<AwardRecords.Payment> payments = records.payments(id);
        Optional<GrantReports.GrantReport> report = reports.find(id);
        List<Variations.Variation> changes = variations.forApplication(id);
        List<ApplicationTimeline.Item> items = timeline.of(new ApplicationTimeline.Facts(application, fund, now,
                events, questions.forApplication(id), award, amountOffered(id, award), payments, report, changes));

        boolean member = isMember(user, application);
        model.addAttribute("app", application);
        model.addAttribute("fund", fund);
        model.addAttribute("statusText", messages.text("grant.status." + application.status().name()));
        model.addAttribute("statusClass", statusClass(application.status()));
        model.addAttribute("items", items);
        model.addAttribute("payments", payments);
        model.addAttribute("variations", changes);
        model.addAttribute("report", report.orElse(null));
        model.addAttribute("member", member);
        model.addAttribute("canAnswer", member && now.waitsFor(TaskKeys.PROVIDE_INFORMATION));
        model.addAttribute("canSeeOffer", member && award.isPresent());
        model.addAttribute("offerWaiting", member && now.waitsFor(TaskKeys.ACCEPT_OFFER));
        model.addAttribute("canReport", member && report.isPresent());
        model.addAttribute("reportWaiting", member && now.waitsFor(TaskKeys.SUBMIT_REPORT));
        model.addAttribute("reportChanges", report.map(r -> GrantReports.CHANGES_REQUESTED.equals(r.status()))
                .orElse(false));
        model.addAttribute("canVary", member && application.status() == ApplicationStatus.FUNDED
                && changes.stream().noneMatch(v -> "REQUESTED".equals(v.status())));
        model.addAttribute("canWithdraw", member && ApplicationStatus.WITHDRAWABLE.contains(application.status()));
        model.addAttribute("letterReady", events.stream().anyMatch(e -> "OFFER_LETTER_ISSUED".equals(e.action())));
        return "awards/application";
    }

    // ---- The fund's question ------------------------------------------------------------------------------------

    @GetMapping("/applications/{id}/question")
    String question(CurrentUser user, @PathVariable long id, HttpServletRequest request, Model model) {
        Application application = access.ownedBy(user, id);
        InformationRequests.InformationRequest question = latestQuestion(id);
        Optional<ProcessProgress.Waiting> task = progress.of(application.processInstanceId())
                .task(TaskKeys.PROVIDE_INFORMATION);
        if (task.isEmpty() || question.answered()) {
            return questionDone(application, question, false, model);
        }
        PageForm form = ResumedForm.take(request).map(PageForm::of).orElseGet(PageForm::empty);
        return questionForm(application, question, task.get(), form, model);
    }

    @PostMapping("/applications/{id}/question")
    String answer(CurrentUser user, @PathVariable long id, @RequestParam MultiValueMap<String, String> params,
            Model model) {
        Application application = access.ownedBy(user, id);
        InformationRequests.InformationRequest question = latestQuestion(id);
        Optional<ProcessProgress.Waiting> task = progress.of(application.processInstanceId())
                .task(TaskKeys.PROVIDE_INFORMATION);
        if (task.isEmpty()) {
            return questionDone(application, latestQuestion(id), true, model);
        }
        PageForm form = PageForm.of(params, List.of("answer"));
        String answer = form.text("answer");
        if (answer == null) {
            form.reject("answer", messages.text("grant.question.enterAnswer"));
        } else if (answer.length() > MAX_ANSWER) {
            form.reject("answer", messages.text("grant.question.tooLong"));
        }
        if (form.hasErrors()) {
            return questionForm(application, question, task.get(), form, model);
        }
        try {
            if (taskPages.completeWaiting(user, application.processInstanceId(), TaskKeys.PROVIDE_INFORMATION,
                    Map.of("answer", answer)).isEmpty()) {
                return questionDone(application, latestQuestion(id), true, model);
            }
        } catch (InvalidInputException e) {
            form.reject(e, field -> "answer");
            return questionForm(application, question, task.get(), form, model);
        }
        return "redirect:/applications/" + id + "/question/sent";
    }

    @GetMapping("/applications/{id}/question/sent")
    String answerSent(CurrentUser user, @PathVariable long id, Model model) {
        Application application = access.ownedBy(user, id);
        InformationRequests.InformationRequest question = latestQuestion(id);
        if (!question.answered()) {
            return "redirect:/applications/" + id + "/question";
        }
        model.addAttribute("app", application);
        model.addAttribute("question", question);
        return "awards/question-sent";
    }

    private String questionForm(Application application, InformationRequests.InformationRequest question,
            ProcessProgress.Waiting task, PageForm form, Model model) {
        model.addAttribute("app", application);
        model.addAttribute("question", question);
        model.addAttribute("due", task.due());
        model.addAttribute("form", form);
        model.addAttribute("maxLength", MAX_ANSWER);
        model.addAttribute("backLink", "/applications/" + application.id());
        return "awards/question";
    }

    /** @param again the answer was just sent a second time (a double click, a second member at the same moment) */
    private String questionDone(Application application, InformationRequests.InformationRequest question,
            boolean again, Model model) {
        model.addAttribute("app", application);
        model.addAttribute("question", question);
        model.addAttribute("again", again);
        model.addAttribute("backLink", "/applications/" + application.id());
        return "awards/question-done";
    }

    private InformationRequests.InformationRequest latestQuestion(long applicationId) {
        return questions.latest(applicationId)
                .orElseThrow(() -> new NotFoundException("The fund has asked no question about this application."));
    }

    // ---- The offer ----------------------------------------------------------------------------------------------

    @GetMapping("/applications/{id}/offer")
    String offer(CurrentUser user, @PathVariable long id, HttpServletRequest request, Model model) {
        Application application = access.ownedBy(user, id);
        AwardRecords.Award award = award(id);
        ProcessProgress.Progress now = progress.of(application.processInstanceId());
        if (award.accepted() != null || !(now.waitsFor(TaskKeys.ACCEPT_OFFER) || now.isAt("issueOfferLetter"))) {
            return offerDone(application, award, false, model);
        }
        PageForm form = ResumedForm.take(request).map(PageForm::of).orElseGet(PageForm::empty);
        return offerForm(application, award, now.waitsFor(TaskKeys.ACCEPT_OFFER), form, model);
    }

    @PostMapping("/applications/{id}/offer")
    String answerOffer(CurrentUser user, @PathVariable long id, @RequestParam MultiValueMap<String, String> params,
            Model model) {
        Application application = access.ownedBy(user, id);
        AwardRecords.Award award = award(id);
        ProcessProgress.Progress now = progress.of(application.processInstanceId());
        if (!now.waitsFor(TaskKeys.ACCEPT_OFFER)) {
            if (now.isAt("issueOfferLetter")) {
                return "redirect:/applications/" + id + "/offer";
            }
            return offerDone(application, award(id), true, model);
        }
        PageForm form = PageForm.of(params, List.of("answer", "reason"));
        String answer = form.text("answer");
        String reason = form.text("reason");
        if (answer == null || !(answer.equals("accept") || answer.equals("decline"))) {
            form.reject("answer", messages.text("grant.offer.choose"));
        }
        if (reason != null && reason.length() > MAX_REASON) {
            form.reject("reason", messages.text("grant.offer.reasonTooLong"));
        }
        if (form.hasErrors()) {
            return offerForm(application, award, true, form, model);
        }
        boolean accept = answer.equals("accept");
        Map<String, Object> body = new java.util.HashMap<>();
        body.put("accept", accept);
        if (!accept && reason != null) {
            body.put("reason", reason);
        }
        try {
            if (taskPages.completeWaiting(user, application.processInstanceId(), TaskKeys.ACCEPT_OFFER, body)
                    .isEmpty()) {
                return offerDone(application, award(id), true, model);
            }
        } catch (InvalidInputException e) {
            form.reject(e, field -> field.equals("accept") ? "answer" : field);
            return offerForm(application, award, true, form, model);
        }
        return "redirect:/applications/" + id + "/offer/answered";
    }

    @GetMapping("/applications/{id}/offer/answered")
    String offerAnswered(CurrentUser user, @PathVariable long id, Model model) {
        Application application = access.ownedBy(user, id);
        AwardRecords.Award award = award(id);
        if (award.accepted() == null) {
            return "redirect:/applications/" + id + "/offer";
        }
        model.addAttribute("app", application);
        model.addAttribute("award", award);
        model.addAttribute("payments", records.payments(id));
        model.addAttribute("report", reports.find(id).orElse(null));
        return "awards/offer-answered";
    }

    private String offerForm(Application application, AwardRecords.Award award, boolean letterReady, PageForm form,
            Model model) {
        form.anchor("answer", "answer");
        model.addAttribute("app", application);
        model.addAttribute("fund", funds.get(application.fundId()));
        model.addAttribute("award", award);
        model.addAttribute("letterReady", letterReady);
        model.addAttribute("form", form);
        model.addAttribute("options", List.of(new Option("accept", messages.text("grant.offer.accept")),
                new Option("decline", messages.text("grant.offer.decline"))));
        model.addAttribute("maxReason", MAX_REASON);
        model.addAttribute("backLink", "/applications/" + application.id());
        return "awards/offer";
    }

    private String offerDone(Application application, AwardRecords.Award award, boolean again, Model model) {
        model.addAttribute("app", application);
        model.addAttribute("award", award);
        model.addAttribute("again", again);
        model.addAttribute("lapsed", application.status() == ApplicationStatus.OFFER_LAPSED);
        model.addAttribute("backLink", "/applications/" + application.id());
        return "awards/offer-done";
    }

    private AwardRecords.Award award(long applicationId) {
        return records.award(applicationId)
                .orElseThrow(() -> new NotFoundException("There is no offer for this application."));
    }

    /** What was first offered: the award decision's amount (a change agreed later alters the award, not this). */
    private BigDecimal amountOffered(long applicationId, Optional<AwardRecords.Award> award) {
        if (award.isEmpty()) {
            return null;
        }
        return records.latestDecision(applicationId)
                .filter(d -> DecisionOutcome.AWARD.name().equals(d.outcome()))
                .map(AwardRecords.Decision::amountAwarded)
                .orElse(award.get().amount());
    }

    // ---- Asking for a change ------------------------------------------------------------------------------------

    @GetMapping("/applications/{id}/variations/new")
    String newVariation(CurrentUser user, @PathVariable long id, HttpServletRequest request, Model model) {
        Application application = runningGrant(user, id);
        Optional<Variations.Variation> open = openVariation(id);
        if (open.isPresent()) {
            model.addAttribute("app", application);
            model.addAttribute("open", open.get());
            model.addAttribute("backLink", "/applications/" + id);
            return "awards/variation-open";
        }
        PageForm form = ResumedForm.take(request).map(PageForm::of).orElseGet(PageForm::empty);
        return variationForm(application, form, model);
    }

    @PostMapping("/applications/{id}/variations/new")
    String askForChange(CurrentUser user, @PathVariable long id, @RequestParam MultiValueMap<String, String> params,
            Model model) {
        Application application = runningGrant(user, id);
        PageForm form = PageForm.of(params, List.of("description", "newAmount"));
        String description = form.text("description");
        String amountText = form.text("newAmount");
        BigDecimal newAmount = null;
        if (description == null) {
            form.reject("description", messages.text("grant.variation.enterDescription"));
        }
        if (amountText != null) {
            String plain = amountText.replace("£", "").replace(",", "").strip();
            if (!plain.matches("\\d{1,10}(\\.\\d{1,2})?")) {
                form.reject("newAmount", messages.text("grant.variation.amountNotNumber"));
            } else {
                newAmount = new BigDecimal(plain);
            }
        }
        VariationController.VariationRequest asked = new VariationController.VariationRequest(description, newAmount);
        if (!form.hasErrors()) {
            Set<ConstraintViolation<VariationController.VariationRequest>> violations = validator.validate(asked);
            for (String field : List.of("description", "newAmount")) {
                violations.stream().filter(v -> v.getPropertyPath().toString().equals(field))
                        .forEach(v -> form.reject(field, v.getMessage()));
            }
        }
        if (form.hasErrors()) {
            return variationForm(application, form, model);
        }
        try {
            variationApi.request(user, id, asked);
        } catch (InvalidInputException e) {
            form.reject(e);
            return variationForm(application, form, model);
        }
        return "redirect:/applications/" + id + "/variations/sent";
    }

    @GetMapping("/applications/{id}/variations/sent")
    String variationSent(CurrentUser user, @PathVariable long id, Model model) {
        Application application = access.ownedBy(user, id);
        List<Variations.Variation> all = variations.forApplication(id);
        if (all.isEmpty()) {
            return "redirect:/applications/" + id;
        }
        model.addAttribute("app", application);
        model.addAttribute("variation", all.get(all.size() - 1));
        return "awards/variation-sent";
    }

    private String variationForm(Application application, PageForm form, Model model) {
        model.addAttribute("app", application);
        model.addAttribute("amountHint", records.award(application.id())
                .map(a -> messages.text("grant.variation.newAmountHint", fmt.money(a.amount()))).orElse(null));
        model.addAttribute("form", form);
        model.addAttribute("maxLength", MAX_DESCRIPTION);
        model.addAttribute("backLink", "/applications/" + application.id());
        return "awards/variation-new";
    }

    /** The group's own grant, running: a change can be asked for only then (409 otherwise, with why). */
    private Application runningGrant(CurrentUser user, long id) {
        Application application = access.ownedBy(user, id);
        if (application.status() != ApplicationStatus.FUNDED) {
            throw new ConflictException(messages.text("grant.variation.notRunning"));
        }
        return application;
    }

    private Optional<Variations.Variation> openVariation(long applicationId) {
        return variations.forApplication(applicationId).stream().filter(v -> "REQUESTED".equals(v.status()))
                .findFirst();
    }

    // ---- Shared ------------------------------------------------------------------------------------------------

    private static boolean isMember(CurrentUser user, Application application) {
        return user.has(Role.APPLICANT) && user.organisationId() != null
                && user.organisationId() == application.organisationId();
    }

    static String statusClass(ApplicationStatus status) {
        return switch (status) {
            case INFORMATION_REQUESTED, OFFERED -> "govuk-tag--yellow";
            case FUNDED -> "govuk-tag--green";
            case DECLINED, INELIGIBLE -> "govuk-tag--red";
            case CLOSED, WITHDRAWN, LAPSED, OFFER_DECLINED, OFFER_LAPSED -> "govuk-tag--grey";
            default -> "govuk-tag--blue";
        };
    }
}
