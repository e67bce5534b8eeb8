package org.kith.monitoring;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

import org.kith.applications.Application;
import org.kith.applications.ApplicationAccess;
import org.kith.funds.Fund;
import org.kith.funds.Funds;
import org.kith.identity.CurrentUser;
import org.kith.web.InvalidInputException;
import org.kith.web.Messages;
import org.kith.web.NotFoundException;
import org.kith.web.PageForm;
import org.kith.web.PlainText;
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
 * The end-of-grant report page: the fund's harmonised questions, "Save and come back later" (a draft kept with
 * the report, the task left open) and "Send report" (completes submitReport through the task service). When the
 * fund asks for changes its feedback is shown above the form, which holds what was sent, to change and send again.
 */
@Controller
class ReportPages {

    static final List<String> FIELDS = List.of("whatWeDid", "differenceItMade", "whatWeLearned", "peopleReached",
            "amountSpent");
    static final int MAX_TEXT = 10_000;
    static final int MAX_NUMBER = 20;

    private final ApplicationAccess access;
    private final Funds funds;
    private final GrantReports reports;
    private final ProcessProgress progress;
    private final TaskPages taskPages;
    private final Messages messages;
    private final Clock clock;

    ReportPages(ApplicationAccess access, Funds funds, GrantReports reports, ProcessProgress progress,
            TaskPages taskPages, Messages messages, Clock clock) {
        this.clock = clock;
        this.access = access;
        this.funds = funds;
        this.reports = reports;
        this.progress = progress;
        this.taskPages = taskPages;
        this.messages = messages;
    }

    @GetMapping("/applications/{id}/report")
    String show(CurrentUser user, @PathVariable long id, HttpServletRequest request, Model model) {
        Application application = access.ownedBy(user, id);
        GrantReports.GrantReport report = report(id);
        if (!waiting(application)) {
            return sent(application, report, false, model);
        }
        PageForm form = ResumedForm.take(request).map(PageForm::of)
                .or(() -> reports.draft(id).map(d -> PageForm.of(d.fields())))
                .orElseGet(() -> PageForm.of(sentValues(report)));
        return formPage(application, report, form, model);
    }

    @PostMapping("/applications/{id}/report")
    String save(CurrentUser user, @PathVariable long id, @RequestParam MultiValueMap<String, String> params,
            @RequestParam(defaultValue = "send") String action, Model model) {
        Application application = access.ownedBy(user, id);
        GrantReports.GrantReport report = report(id);
        if (!waiting(application)) {
            return sent(application, report, true, model);
        }
        PageForm form = PageForm.of(params, FIELDS);
        if ("save".equals(action)) {
            for (String field : FIELDS) {
                String value = form.value(field);
                int max = field.equals("peopleReached") || field.equals("amountSpent") ? MAX_NUMBER : MAX_TEXT;
                if (value != null && value.length() > max) {
                    form.reject(field, messages.text("grant.report.tooLong." + field));
                } else if (!PlainText.Check.isPlain(value)) {
                    form.reject(field, PlainText.MESSAGE);
                }
            }
            if (form.hasErrors()) {
                return formPage(application, report, form, model);
            }
            Map<String, String> typed = new LinkedHashMap<>();
            FIELDS.forEach(f -> typed.put(f, form.value(f) == null ? "" : form.value(f)));
            reports.saveDraft(id, typed, user.username());
            return "redirect:/applications/" + id + "/report/saved";
        }
        Map<String, Object> body = checked(form);
        if (form.hasErrors()) {
            return formPage(application, report, form, model);
        }
        try {
            if (taskPages.completeWaiting(user, application.processInstanceId(), TaskKeys.SUBMIT_REPORT, body)
                    .isEmpty()) {
                return sent(application, report(id), true, model);
            }
        } catch (InvalidInputException e) {
            // The service lists its errors by field name; the page lists them in the order the fields appear.
            for (String field : FIELDS) {
                e.errors().stream().filter(error -> error.field().equals(field))
                        .forEach(error -> form.reject(field, error.message()));
            }
            e.errors().stream().filter(error -> !FIELDS.contains(error.field()))
                    .forEach(error -> form.reject(FIELDS.get(0), error.message()));
            return formPage(application, report, form, model);
        }
        return "redirect:/applications/" + id + "/report/sent";
    }

    @GetMapping("/applications/{id}/report/saved")
    String saved(CurrentUser user, @PathVariable long id, Model model) {
        Application application = access.ownedBy(user, id);
        GrantReports.GrantReport report = report(id);
        Optional<GrantReports.Draft> draft = reports.draft(id);
        if (draft.isEmpty()) {
            return "redirect:/applications/" + id + "/report";
        }
        model.addAttribute("app", application);
        model.addAttribute("report", report);
        model.addAttribute("draft", draft.get());
        return "monitoring/report-saved";
    }

    @GetMapping("/applications/{id}/report/sent")
    String sentConfirmation(CurrentUser user, @PathVariable long id, Model model) {
        Application application = access.ownedBy(user, id);
        GrantReports.GrantReport report = report(id);
        if (GrantReports.DUE.equals(report.status()) || GrantReports.CHANGES_REQUESTED.equals(report.status())) {
            return "redirect:/applications/" + id + "/report";
        }
        model.addAttribute("app", application);
        model.addAttribute("report", report);
        return "monitoring/report-sent";
    }

    /** Turns what was typed into the task's form, with a page error for a number that is not one. */
    private Map<String, Object> checked(PageForm form) {
        Map<String, Object> body = new HashMap<>();
        for (String field : List.of("whatWeDid", "differenceItMade", "whatWeLearned")) {
            String text = form.text(field);
            if (text == null) {
                form.reject(field, messages.text("grant.report.enter." + field));
            }
            body.put(field, text);
        }
        String people = form.text("peopleReached");
        if (people == null) {
            form.reject("peopleReached", messages.text("grant.report.enter.peopleReached"));
        } else if (!people.replace(",", "").matches("\\d{1,9}")) {
            form.reject("peopleReached", messages.text("grant.report.peopleNotNumber"));
        } else {
            body.put("peopleReached", Integer.valueOf(people.replace(",", "")));
        }
        String spent = form.text("amountSpent");
        String plain = spent == null ? null : spent.replace("£", "").replace(",", "").strip();
        if (plain == null) {
            form.reject("amountSpent", messages.text("grant.report.enter.amountSpent"));
        } else if (!plain.matches("\\d{1,12}(\\.\\d{1,2})?")) {
            form.reject("amountSpent", messages.text("grant.report.amountNotNumber"));
        } else {
            body.put("amountSpent", new BigDecimal(plain));
        }
        return body;
    }

    private String formPage(Application application, GrantReports.GrantReport report, PageForm form, Model model) {
        Fund fund = funds.get(application.fundId());
        List<String> asks = fund.reporting().asks() == null ? List.of() : fund.reporting().asks();
        model.addAttribute("app", application);
        model.addAttribute("report", report);
        model.addAttribute("form", form);
        model.addAttribute("labelDid", asks.size() > 0 ? asks.get(0) : messages.text("grant.report.whatWeDid"));
        model.addAttribute("labelDifference", asks.size() > 1 ? asks.get(1)
                : messages.text("grant.report.differenceItMade"));
        model.addAttribute("labelLearned", asks.size() > 2 ? asks.get(2) : messages.text("grant.report.whatWeLearned"));
        model.addAttribute("changes", GrantReports.CHANGES_REQUESTED.equals(report.status()));
        model.addAttribute("late", report.dueOn().isBefore(LocalDate.now(clock)));
        model.addAttribute("draft", reports.draft(application.id()).orElse(null));
        model.addAttribute("maxLength", MAX_TEXT);
        model.addAttribute("backLink", "/applications/" + application.id());
        return "monitoring/report";
    }

    /** The report as sent, read only: being reviewed or accepted. {@code again}: sent a second time just now. */
    private String sent(Application application, GrantReports.GrantReport report, boolean again, Model model) {
        model.addAttribute("app", application);
        model.addAttribute("report", report);
        model.addAttribute("again", again);
        model.addAttribute("backLink", "/applications/" + application.id());
        return "monitoring/report-view";
    }

    private boolean waiting(Application application) {
        return progress.of(application.processInstanceId()).waitsFor(TaskKeys.SUBMIT_REPORT);
    }

    private GrantReports.GrantReport report(long applicationId) {
        return reports.find(applicationId)
                .orElseThrow(() -> new NotFoundException("No report is expected for this application yet."));
    }

    private static Map<String, String> sentValues(GrantReports.GrantReport report) {
        Map<String, String> values = new HashMap<>();
        values.put("whatWeDid", report.whatWeDid());
        values.put("differenceItMade", report.differenceItMade());
        values.put("whatWeLearned", report.whatWeLearned());
        values.put("peopleReached", report.peopleReached() == null ? null : report.peopleReached().toString());
        values.put("amountSpent", report.amountSpent() == null ? null : report.amountSpent().toPlainString());
        return values;
    }
}
