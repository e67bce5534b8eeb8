package org.kith.assessment;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import jakarta.servlet.http.HttpServletResponse;

import org.kith.applications.Application;
import org.kith.applications.ApplicationDetailsService;
import org.kith.applications.Applications;
import org.kith.funds.Fund;
import org.kith.funds.Funds;
import org.kith.identity.CurrentUser;
import org.kith.web.ConflictException;
import org.kith.web.InvalidInputException;
import org.kith.web.Messages;
import org.kith.web.NotFoundException;
import org.kith.web.Option;
import org.kith.web.PageForm;
import org.kith.web.PlainText;
import org.kith.workflow.AlreadyHandled;
import org.kith.workflow.DeadlockRetry;
import org.kith.workflow.InboxItem;
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
 * Assessing one application ({@code /staff/tasks/{taskId}/assess}): first "Do you have a conflict of interest?",
 * shown with only the fund, reference, group and title; Yes completes the task with the conflict (back to the pool,
 * the application hidden from this person for good), No takes the task and opens the score page: the application
 * beside the fund's criteria, a score per criterion, a comment and a recommendation, "Save draft" and "Submit".
 * Every action goes through {@link WorkflowTasks}; a task someone else holds or has done is the "already handled"
 * page.
 */
@Controller
class AssessPages {

    static final String CONFLICT = "conflict";
    static final String NOTE = "note";
    static final String COMMENT = "comment";
    static final String RECOMMENDATION = "recommendation";
    static final int MAX_TEXT = 10_000;

    private final WorkflowTasks tasks;
    private final Applications applications;
    private final Funds funds;
    private final AssessmentDrafts drafts;
    private final Messages messages;
    private final ApplicationDetailsService details;

    AssessPages(WorkflowTasks tasks, Applications applications, Funds funds, AssessmentDrafts drafts,
            Messages messages, ApplicationDetailsService details) {
        this.details = details;
        this.tasks = tasks;
        this.applications = applications;
        this.funds = funds;
        this.drafts = drafts;
        this.messages = messages;
    }

    /** One criterion on the page: its field and its scores 0..max. */
    record CriterionRow(Fund.Criterion criterion, String field, String legend, List<Option> options) {
    }

    @GetMapping("/staff/tasks/{taskId}/assess")
    String show(CurrentUser user, @PathVariable String taskId, Model model, HttpServletResponse response) {
        InboxItem item;
        try {
            item = assessTask(user, taskId);
        } catch (ConflictException handled) {
            return AlreadyHandled.page(handled, model, response);
        }
        if (!ready(user, item)) {
            return conflictPage(item, PageForm.empty(), model);
        }
        PageForm form = drafts.find(taskId, user.username()).map(d -> {
            model.addAttribute("draftSavedAt", d.savedAt());
            return PageForm.of(d.fields());
        }).orElseGet(PageForm::empty);
        return scorePage(user, item, form, model);
    }

    @PostMapping("/staff/tasks/{taskId}/assess/conflict")
    String conflict(CurrentUser user, @PathVariable String taskId, @RequestParam MultiValueMap<String, String> params,
            Model model, HttpServletResponse response, RedirectAttributes redirect) {
        PageForm form = PageForm.of(params, List.of(CONFLICT, NOTE));
        try {
            InboxItem item = assessTask(user, taskId);
            String answer = form.value(CONFLICT);
            if (!"yes".equals(answer) && !"no".equals(answer)) {
                form.reject(CONFLICT, messages.text("assess.conflict.required"));
            }
            String note = form.value(NOTE);
            if ("yes".equals(answer) && note != null && note.length() > MAX_TEXT) {
                form.reject(NOTE, messages.text("assess.score.tooLong"));
            } else if ("yes".equals(answer) && !PlainText.Check.isPlain(note)) {
                form.reject(NOTE, PlainText.MESSAGE);
            }
            if (form.hasErrors()) {
                return conflictPage(item, form, model);
            }
            if ("yes".equals(answer)) {
                Map<String, Object> body = new HashMap<>();
                body.put("conflictOfInterest", true);
                body.put("comment", note == null || note.isBlank() ? null : note);
                try {
                    DeadlockRetry.run(() -> tasks.complete(user, taskId, body));
                } catch (InvalidInputException e) {
                    form.reject(e, field -> NOTE);
                    return conflictPage(item, form, model);
                }
                drafts.forget(taskId);
                redirect.addFlashAttribute("successBanner",
                        messages.text("assess.conflict.declared", item.reference()));
                return "redirect:/staff/tasks";
            }
            tasks.take(user, taskId);
            drafts.sayNoConflict(taskId, user.username());
            return "redirect:/staff/tasks/" + taskId + "/assess";
        } catch (ConflictException handled) {
            return AlreadyHandled.page(handled, model, response);
        }
    }

    @PostMapping("/staff/tasks/{taskId}/assess")
    String score(CurrentUser user, @PathVariable String taskId, @RequestParam MultiValueMap<String, String> params,
            @RequestParam(defaultValue = "submit") String action, Model model, HttpServletResponse response,
            RedirectAttributes redirect) {
        InboxItem item;
        try {
            item = assessTask(user, taskId);
        } catch (ConflictException handled) {
            return AlreadyHandled.page(handled, model, response);
        }
        if (!ready(user, item)) {
            return "redirect:/staff/tasks/" + taskId + "/assess";
        }
        Fund fund = funds.get(item.fundId());
        List<String> fields = new ArrayList<>();
        fund.criteria().forEach(c -> fields.add(field(c)));
        fields.add(COMMENT);
        fields.add(RECOMMENDATION);
        PageForm form = PageForm.of(params, fields);
        String comment = form.value(COMMENT);
        if (comment != null && comment.length() > MAX_TEXT) {
            form.reject(COMMENT, messages.text("assess.score.tooLong"));
        } else if (!PlainText.Check.isPlain(comment)) {
            form.reject(COMMENT, PlainText.MESSAGE);
        }
        if ("save".equals(action)) {
            if (form.hasErrors()) {
                return scorePage(user, item, form, model);
            }
            Map<String, String> typed = new LinkedHashMap<>();
            fields.forEach(f -> typed.put(f, form.value(f) == null ? "" : form.value(f)));
            drafts.save(taskId, user.username(), item.applicationId(), typed);
            redirect.addFlashAttribute("successBanner", messages.text("assess.score.draftSaved", item.reference()));
            return "redirect:/staff/tasks/" + taskId + "/assess";
        }
        Map<String, Integer> scores = new LinkedHashMap<>();
        for (Fund.Criterion c : fund.criteria()) {
            String typed = form.value(field(c));
            Integer score = null;
            try {
                score = typed == null || typed.isBlank() ? null : Integer.valueOf(typed.trim());
            } catch (NumberFormatException e) {
                // a missing score is the handler's error, with its words
            }
            if (score != null) {
                scores.put(c.key(), score);
            }
        }
        String recommendation = form.value(RECOMMENDATION);
        Map<String, Object> body = new HashMap<>();
        body.put("conflictOfInterest", false);
        body.put("scores", scores);
        body.put("comment", comment == null || comment.isBlank() ? null : comment);
        body.put("recommendation", recommendation == null || recommendation.isBlank() ? null : recommendation);
        if (!form.hasErrors()) {
            try {
                DeadlockRetry.run(() -> tasks.complete(user, taskId, body));
                drafts.forget(taskId);
                redirect.addFlashAttribute("successBanner", messages.text("assess.score.submitted", item.reference()));
                return "redirect:/staff/tasks";
            } catch (InvalidInputException e) {
                rejectInPageOrder(form, e, fund);
            } catch (ConflictException handled) {
                return AlreadyHandled.page(handled, model, response);
            }
        }
        return scorePage(user, item, form, model);
    }

    /** The service names fields as the API does (scores.need); the page lists them in its own order. */
    private void rejectInPageOrder(PageForm form, InvalidInputException e, Fund fund) {
        PageForm errors = PageForm.empty().reject(e, apiField -> apiField);
        for (Fund.Criterion c : fund.criteria()) {
            String error = errors.error("scores." + c.key());
            if (error != null) {
                form.reject(field(c), error);
            }
        }
        if (errors.error(COMMENT) != null) {
            form.reject(COMMENT, errors.error(COMMENT));
        }
        if (errors.error(RECOMMENDATION) != null) {
            form.reject(RECOMMENDATION, messages.text("assess.score.recommendationRequired"));
        }
        errors.errors().forEach((field, message) -> {
            if (!field.startsWith("scores.") && !field.equals(COMMENT) && !field.equals(RECOMMENDATION)) {
                form.reject(fund.criteria().isEmpty() ? COMMENT : field(fund.criteria().get(0)), message);
            }
        });
    }

    /** The person answered No for this task and holds it. */
    private boolean ready(CurrentUser user, InboxItem item) {
        return user.username().equals(item.assignee()) && drafts.saidNoConflict(item.taskId(), user.username());
    }

    private InboxItem assessTask(CurrentUser user, String taskId) {
        InboxItem item = tasks.open(user, taskId);
        if (!TaskKeys.ASSESS_APPLICATION.equals(item.taskKey())) {
            throw new NotFoundException("There is no assessment " + taskId + " that you can act on.");
        }
        return item;
    }

    private String conflictPage(InboxItem item, PageForm form, Model model) {
        Application app = applications.get(item.applicationId());
        model.addAttribute("item", item);
        model.addAttribute("projectTitle", app.title());
        model.addAttribute("fundName", funds.get(item.fundId()).name());
        model.addAttribute("form", form);
        model.addAttribute("conflictOptions", List.of(new Option("yes", messages.text("assess.conflict.yes")),
                new Option("no", messages.text("assess.conflict.no"))));
        return "staff/tasks/conflict";
    }

    /** The application (the staff fragment: answers, the group's profile, files) beside the fund's criteria. */
    private String scorePage(CurrentUser user, InboxItem item, PageForm form, Model model) {
        var read = details.read(user, item.applicationId());
        Fund fund = read.fund();
        List<CriterionRow> criteria = fund.criteria().stream()
                .map(c -> new CriterionRow(c, field(c),
                        messages.text("assess.score.criterion", c.label(), c.weight(), c.maxScore()),
                        IntStream.rangeClosed(0, c.maxScore())
                                .mapToObj(n -> new Option(String.valueOf(n), String.valueOf(n))).toList()))
                .toList();
        model.addAttribute("item", item);
        model.addAttribute("details", read);
        model.addAttribute("criteria", criteria);
        model.addAttribute("form", form);
        model.addAttribute("recommendations", List.of(
                new Option("FUND", messages.text("assess.score.recommendation.FUND")),
                new Option("FUND_IN_PART", messages.text("assess.score.recommendation.FUND_IN_PART")),
                new Option("DO_NOT_FUND", messages.text("assess.score.recommendation.DO_NOT_FUND"))));
        return "staff/tasks/assess";
    }

    static String field(Fund.Criterion criterion) {
        return "score-" + criterion.key();
    }

}
