package org.kith.awards;

import java.io.Serializable;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;

import org.kith.applications.Application;
import org.kith.applications.ApplicationAccess;
import org.kith.applications.ApplicationDetailsService;
import org.kith.applications.ApplicationStatus;
import org.kith.funds.Fund;
import org.kith.identity.CurrentUser;
import org.kith.web.ForbiddenException;
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
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The fund manager's decision pages: the funds they manage, each fund's ranked queue with a "budget left if you
 * award these" worked out on the server from the ticked rows, deciding the ticked rows in a batch (award at the
 * amounts asked, or decline with a reason) after a confirmation page, and deciding one application (award any
 * amount within the rules, decline, or ask the group a question). Every decision completes the application's
 * decideApplication task through the task service ({@link TaskPages}), so the rules of the API hold; each one in a
 * batch is its own transaction, and one already decided (a double submit, a colleague) is reported, not decided twice.
 */
@Controller
class DecisionPages {

    static final String AWARD = "award";
    static final String DECLINE = "decline";
    static final String QUESTION = "question";
    static final int MAX_TEXT = 10_000;

    /** What became of one application of a batch; {@code note} says why it was skipped. */
    record Done(long applicationId, String reference, String title, BigDecimal amount, String note)
            implements Serializable {
    }

    record BatchResult(String action, List<Done> done, List<Done> skipped, BigDecimal total) implements Serializable {
    }

    private final DecisionQueue queues;
    private final ApplicationDetailsService details;
    private final ApplicationAccess access;
    private final ProcessProgress progress;
    private final TaskPages taskPages;
    private final AwardRecords records;
    private final Messages messages;
    private final Formats fmt;

    DecisionPages(DecisionQueue queues, ApplicationDetailsService details, ApplicationAccess access, ProcessProgress progress, TaskPages taskPages,
            AwardRecords records, Messages messages, Formats fmt) {
        this.queues = queues;
        this.details = details;
        this.access = access;
        this.progress = progress;
        this.taskPages = taskPages;
        this.records = records;
        this.messages = messages;
        this.fmt = fmt;
    }

    // ---- The funds ---------------------------------------------------------------------------------------------

    @GetMapping("/staff/decisions")
    String overview(CurrentUser user, Model model) {
        model.addAttribute("funds", queues.overview(user));
        return "staff/decisions/overview";
    }

    // ---- A fund's queue ----------------------------------------------------------------------------------------

    @GetMapping("/staff/funds/{fundId}/decisions")
    String queue(CurrentUser user, @PathVariable long fundId,
            @RequestParam(name = "app", required = false) List<Long> ticked, Model model) {
        DecisionQueue.Queue queue = queues.queue(user, fundId);
        return queuePage(user, queue, ticked == null ? List.of() : ticked, PageForm.empty(), model);
    }

    private String queuePage(CurrentUser user, DecisionQueue.Queue queue, List<Long> ticked, PageForm form,
            Model model) {
        form.anchor("app", queue.items().isEmpty() ? "queue" : "app-" + queue.items().get(0).id());
        model.addAttribute("queue", queue);
        model.addAttribute("fund", queue.fund());
        model.addAttribute("ticked", Set.copyOf(ticked));
        model.addAttribute("tickedCount", queue.among(ticked).size());
        model.addAttribute("tickedAsked", queue.askedBy(ticked));
        model.addAttribute("leftIfAwarded", queue.leftIfAwarded(ticked));
        model.addAttribute("overspent", queue.leftIfAwarded(ticked).signum() < 0);
        model.addAttribute("mayDecide", DecisionQueue.mayDecide(user, queue.fund().id()));
        model.addAttribute("disagreementPoints", DecisionQueue.DISAGREEMENT_POINTS);
        model.addAttribute("form", form);
        model.addAttribute("backLink", "/staff/decisions");
        return "staff/decisions/queue";
    }

    // ---- A batch: confirm, then decide -------------------------------------------------------------------------

    @GetMapping("/staff/funds/{fundId}/decisions/batch")
    String confirmBatch(CurrentUser user, @PathVariable long fundId,
            @RequestParam(name = "app", required = false) List<Long> ticked,
            @RequestParam(name = "action", required = false) String action, Model model) {
        DecisionQueue.Queue queue = queues.queue(user, fundId);
        checkMayDecide(user, fundId);
        List<Long> ids = ticked == null ? List.of() : ticked;
        if (!AWARD.equals(action) && !DECLINE.equals(action)) {
            return "redirect:/staff/funds/" + fundId + "/decisions";
        }
        if (queue.among(ids).isEmpty()) {
            PageForm form = PageForm.empty().reject("app", messages.text("decisions.batch.tickSome"));
            return queuePage(user, queue, ids, form, model);
        }
        return confirmPage(queue, ids, action, PageForm.empty(), model);
    }

    private String confirmPage(DecisionQueue.Queue queue, List<Long> ticked, String action, PageForm form,
            Model model) {
        List<DecisionQueue.Item> chosen = queue.among(ticked);
        model.addAttribute("fund", queue.fund());
        model.addAttribute("queue", queue);
        model.addAttribute("chosen", chosen);
        model.addAttribute("action", action);
        model.addAttribute("total", queue.askedBy(ticked));
        model.addAttribute("leftIfAwarded", queue.leftIfAwarded(ticked));
        model.addAttribute("overspent", queue.leftIfAwarded(ticked).signum() < 0);
        model.addAttribute("reasons", reasonOptions(queue.fund()));
        model.addAttribute("maxText", MAX_TEXT);
        model.addAttribute("form", form);
        model.addAttribute("backLink", backToQueue(queue.fund().id(), chosen));
        return "staff/decisions/confirm";
    }

    @PostMapping("/staff/funds/{fundId}/decisions/batch")
    String decideBatch(CurrentUser user, @PathVariable long fundId,
            @RequestParam MultiValueMap<String, String> params, Model model, RedirectAttributes redirect) {
        Fund fund = queues.fund(user, fundId);
        checkMayDecide(user, fundId);
        String action = params.getFirst("action");
        List<Long> ids = ids(params.get("app"));
        if (!AWARD.equals(action) && !DECLINE.equals(action) || ids.isEmpty()) {
            return "redirect:/staff/funds/" + fundId + "/decisions";
        }
        PageForm form = PageForm.of(params, List.of("reasonKey", "reasonText"));
        String reason = null;
        if (DECLINE.equals(action)) {
            reason = declineReason(fund, form);
            if (form.hasErrors()) {
                return confirmPage(queues.queue(user, fundId), ids, action, form, model);
            }
        }
        BatchResult result = decideEach(user, fundId, ids, action, reason);
        redirect.addFlashAttribute("result", result);
        return "redirect:/staff/funds/" + fundId + "/decisions/done";
    }

    /** Each decision is its own transaction: one that fails leaves the others done. */
    private BatchResult decideEach(CurrentUser user, long fundId, List<Long> ids, String action, String reason) {
        List<Done> done = new ArrayList<>();
        List<Done> skipped = new ArrayList<>();
        BigDecimal total = BigDecimal.ZERO;
        for (long id : ids) {
            Optional<Application> found = readable(user, id).filter(a -> a.fundId() == fundId);
            if (found.isEmpty()) {
                skipped.add(new Done(id, "#" + id, "", null, messages.text("decisions.skipped.notFound")));
                continue;
            }
            Application app = found.get();
            Map<String, Object> body = new HashMap<>();
            body.put("batchOf", ids.size());
            if (AWARD.equals(action)) {
                body.put("outcome", DecisionOutcome.AWARD.name());
                body.put("amountAwarded", app.amountRequested());
            } else {
                body.put("outcome", DecisionOutcome.DECLINE.name());
                body.put("reason", reason);
            }
            String note;
            try {
                note = taskPages.completeWaiting(user, app.processInstanceId(), TaskKeys.DECIDE_APPLICATION, body)
                        .isPresent() ? null : messages.text("decisions.skipped.alreadyDecided");
            } catch (ForbiddenException e) {
                note = messages.text("decisions.skipped.someoneElse");
            } catch (InvalidInputException e) {
                note = String.join(" ", e.errors().stream().map(InvalidInputException.FieldError::message).toList());
            } catch (NotFoundException e) {
                note = messages.text("decisions.skipped.notFound");
            }
            Done row = new Done(id, app.reference(), app.title(), AWARD.equals(action) ? app.amountRequested() : null,
                    note);
            if (note == null) {
                done.add(row);
                if (row.amount() != null) {
                    total = total.add(row.amount());
                }
            } else {
                skipped.add(row);
            }
        }
        return new BatchResult(action, List.copyOf(done), List.copyOf(skipped), total);
    }

    @GetMapping("/staff/funds/{fundId}/decisions/done")
    String batchDone(CurrentUser user, @PathVariable long fundId, Model model) {
        Fund fund = queues.fund(user, fundId);
        if (!model.containsAttribute("result")) {
            return "redirect:/staff/funds/" + fundId + "/decisions";
        }
        model.addAttribute("fund", fund);
        model.addAttribute("budget", queues.budget(fund));
        model.addAttribute("backLink", "/staff/funds/" + fundId + "/decisions");
        return "staff/decisions/done";
    }

    // ---- One application ---------------------------------------------------------------------------------------

    @GetMapping("/staff/applications/{applicationId}/decide")
    String decideOne(CurrentUser user, @PathVariable long applicationId, HttpServletRequest request, Model model) {
        Application app = decidable(user, applicationId);
        Optional<DecisionQueue.Item> item = itemOf(user, app);
        if (item.isEmpty()) {
            return alreadyDecided(app, false, model);
        }
        PageForm form = ResumedForm.take(request).map(PageForm::of)
                .orElseGet(() -> PageForm.of(Map.of("amount", plain(app.amountRequested()))));
        return decidePage(user, app, item.get(), form, model);
    }

    @PostMapping("/staff/applications/{applicationId}/decide")
    String decide(CurrentUser user, @PathVariable long applicationId,
            @RequestParam MultiValueMap<String, String> params, Model model, RedirectAttributes redirect) {
        Application app = decidable(user, applicationId);
        Optional<DecisionQueue.Item> item = itemOf(user, app);
        if (item.isEmpty()) {
            return alreadyDecided(app, true, model);
        }
        Fund fund = queues.fund(user, app.fundId());
        PageForm form = PageForm.of(params, List.of("outcome", "amount", "conditions", "reasonKey", "reasonText",
                "question"));
        String outcome = form.text("outcome");
        Map<String, Object> body = new HashMap<>();
        if (AWARD.equals(outcome)) {
            body.put("outcome", DecisionOutcome.AWARD.name());
            body.put("amountAwarded", amount(form));
            body.put("conditions", form.text("conditions"));
        } else if (DECLINE.equals(outcome)) {
            body.put("outcome", DecisionOutcome.DECLINE.name());
            body.put("reason", declineReason(fund, form));
        } else if (QUESTION.equals(outcome)) {
            body.put("outcome", DecisionOutcome.REQUEST_INFORMATION.name());
            body.put("question", form.text("question"));
        } else {
            return "redirect:/staff/applications/" + applicationId + "/decide";
        }
        if (form.hasErrors()) {
            return decidePage(user, app, item.get(), form, model);
        }
        try {
            if (taskPages.completeWaiting(user, app.processInstanceId(), TaskKeys.DECIDE_APPLICATION, body)
                    .isEmpty()) {
                return alreadyDecided(app, true, model);
            }
        } catch (InvalidInputException e) {
            form.reject(e, field -> switch (field) {
                case "amountAwarded" -> "amount";
                case "reason" -> "reasonText";
                default -> field;
            });
            return decidePage(user, app, item.get(), form, model);
        }
        redirect.addFlashAttribute("successBanner", messages.text("decisions.decided." + outcome, app.reference()));
        return "redirect:/staff/funds/" + app.fundId() + "/decisions";
    }

    private String decidePage(CurrentUser user, Application app, DecisionQueue.Item item, PageForm form,
            Model model) {
        Fund fund = queues.fund(user, app.fundId());
        model.addAttribute("app", app);
        model.addAttribute("details", details.read(user, app.id()));
        model.addAttribute("item", item);
        model.addAttribute("fund", fund);
        DecisionQueue.Budget budget = queues.budget(fund);
        model.addAttribute("budget", budget);
        model.addAttribute("amountHint", messages.text("decisions.decide.amountHint", fmt.money(app.amountRequested()),
                fmt.money(budget.left())));
        if (form.value("amount") == null) {
            form.set("amount", plain(app.amountRequested()));
        }
        model.addAttribute("reasons", reasonOptions(fund));
        model.addAttribute("form", form);
        model.addAttribute("disagreementPoints", DecisionQueue.DISAGREEMENT_POINTS);
        model.addAttribute("backLink", "/staff/funds/" + app.fundId() + "/decisions");
        return "staff/decisions/decide";
    }

    /** @param again the form was just sent, and someone (perhaps this person, a moment ago) had already decided */
    private String alreadyDecided(Application app, boolean again, Model model) {
        model.addAttribute("app", app);
        model.addAttribute("again", again);
        model.addAttribute("decision", records.latestDecision(app.id()).orElse(null));
        model.addAttribute("statusText", messages.text("grant.status." + app.status().name()));
        model.addAttribute("backLink", "/staff/funds/" + app.fundId() + "/decisions");
        return "staff/decisions/already-decided";
    }

    // ---- Shared rules of these pages ---------------------------------------------------------------------------

    /** An application this fund manager decides on: others' funds are not found; other roles are refused. */
    private Application decidable(CurrentUser user, long applicationId) {
        DecisionQueue.checkMayLook(user);
        Application app = access.readable(user, applicationId);
        if (app.status() == ApplicationStatus.DRAFT) {
            throw ApplicationAccess.notFound(applicationId);
        }
        queues.fund(user, app.fundId());
        checkMayDecide(user, app.fundId());
        return app;
    }

    private Optional<DecisionQueue.Item> itemOf(CurrentUser user, Application app) {
        if (!progress.of(app.processInstanceId()).waitsFor(TaskKeys.DECIDE_APPLICATION)) {
            return Optional.empty();
        }
        return queues.queue(user, app.fundId()).items().stream().filter(i -> i.id() == app.id()).findFirst();
    }

    private static void checkMayDecide(CurrentUser user, long fundId) {
        if (!DecisionQueue.mayDecide(user, fundId)) {
            throw new ForbiddenException("Only the fund’s managers decide on its applications.");
        }
    }

    private Optional<Application> readable(CurrentUser user, long id) {
        try {
            return Optional.of(access.readable(user, id));
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    /**
     * The reason the group is told: the chosen template's text, then anything typed; one of the two is needed.
     * Errors go on the form.
     */
    private String declineReason(Fund fund, PageForm form) {
        String key = form.text("reasonKey");
        String typed = form.text("reasonText");
        Optional<Fund.DeclineReason> template = fund.declineReasons().stream()
                .filter(r -> r.key().equals(key)).findFirst();
        if (key != null && template.isEmpty()) {
            form.reject("reasonKey", messages.text("decisions.reason.unknown"));
        }
        if (template.isEmpty() && typed == null) {
            form.reject("reasonKey", messages.text("decisions.reason.required"));
        }
        if (typed != null && typed.length() > MAX_TEXT) {
            form.reject("reasonText", messages.text("decisions.reason.tooLong"));
        }
        return template.map(t -> typed == null ? t.text() : t.text() + "\n\n" + typed).orElse(typed);
    }

    private BigDecimal amount(PageForm form) {
        String typed = form.text("amount");
        if (typed == null) {
            form.reject("amount", messages.text("decisions.amount.enter"));
            return null;
        }
        String plain = typed.replace("£", "").replace(",", "").strip();
        if (!plain.matches("\\d{1,10}(\\.\\d{1,2})?")) {
            form.reject("amount", messages.text("decisions.amount.notNumber"));
            return null;
        }
        return new BigDecimal(plain);
    }

    private List<Option> reasonOptions(Fund fund) {
        return fund.declineReasons().stream().map(r -> new Option(r.key(), r.label(), r.text())).toList();
    }

    private static String plain(BigDecimal amount) {
        return amount == null ? "" : amount.stripTrailingZeros().scale() <= 0
                ? amount.setScale(0, java.math.RoundingMode.UNNECESSARY).toPlainString() : amount.toPlainString();
    }

    private static String backToQueue(long fundId, List<DecisionQueue.Item> chosen) {
        StringBuilder link = new StringBuilder("/staff/funds/" + fundId + "/decisions");
        String sep = "?";
        for (DecisionQueue.Item item : chosen) {
            link.append(sep).append("app=").append(item.id());
            sep = "&";
        }
        return link.toString();
    }

    private static List<Long> ids(List<String> values) {
        Set<Long> ids = new LinkedHashSet<>();
        if (values != null) {
            for (String v : values) {
                try {
                    ids.add(Long.parseLong(v.strip()));
                } catch (NumberFormatException ignored) {
                    // not an id: nothing to decide
                }
            }
        }
        return List.copyOf(ids);
    }
}
