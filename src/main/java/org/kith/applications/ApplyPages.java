package org.kith.applications;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;

import org.kith.funds.Fund;
import org.kith.funds.Funds;
import org.kith.identity.CurrentUser;
import org.kith.organisations.Organisations;
import org.kith.web.Formats;
import org.kith.web.IdempotencyKeyReusedException;
import org.kith.web.InvalidInputException;
import org.kith.web.InvalidInputException.FieldError;
import org.kith.web.Messages;
import org.kith.web.NotFoundException;
import org.kith.web.PageForm;
import org.kith.web.Paging;
import org.kith.web.ResumedForm;
import org.kith.workflow.DeadlockRetry;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.multipart.MultipartHttpServletRequest;
import org.springframework.web.util.WebUtils;

/**
 * The applicant's pages, from "Your applications" and starting a draft to the confirmation: a task list, the
 * project page, one page per fund question (a file for {@code file} questions), check your answers with the
 * declaration, and the confirmation. Every Continue saves; blank answers are fine until the group sends it.
 * Any id that is not the group's is the 404 page; a draft's pages for one already sent go to its own page.
 */
@Controller
class ApplyPages {

    static final String PROJECT = "project";
    private static final String CHECK = "check";
    private static final String KEY_PATTERN = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
    private static final String AMOUNT_PATTERN = "\\d{1,9}(\\.\\d{1,2})?";

    /** GOV.UK tag colour for each status on "Your applications". */
    private static final Map<ApplicationStatus, String> TAG_COLOURS = Map.ofEntries(
            Map.entry(ApplicationStatus.DRAFT, "govuk-tag--grey"),
            Map.entry(ApplicationStatus.SUBMITTED, "govuk-tag--blue"),
            Map.entry(ApplicationStatus.INELIGIBLE, "govuk-tag--red"),
            Map.entry(ApplicationStatus.IN_ASSESSMENT, "govuk-tag--blue"),
            Map.entry(ApplicationStatus.INFORMATION_REQUESTED, "govuk-tag--orange"),
            Map.entry(ApplicationStatus.AWAITING_DECISION, "govuk-tag--light-blue"),
            Map.entry(ApplicationStatus.DECLINED, "govuk-tag--red"),
            Map.entry(ApplicationStatus.OFFERED, "govuk-tag--purple"),
            Map.entry(ApplicationStatus.OFFER_DECLINED, "govuk-tag--grey"),
            Map.entry(ApplicationStatus.OFFER_LAPSED, "govuk-tag--grey"),
            Map.entry(ApplicationStatus.WITHDRAWN, "govuk-tag--grey"),
            Map.entry(ApplicationStatus.LAPSED, "govuk-tag--grey"),
            Map.entry(ApplicationStatus.FUNDED, "govuk-tag--green"),
            Map.entry(ApplicationStatus.CLOSED, "govuk-tag--grey"));

    /** One of the group's applications on "Your applications". */
    record Listed(Application application, String fundName, String statusLabel, String tagClass) {
    }

    enum TaskStatus { NOT_STARTED, IN_PROGRESS, COMPLETED, CANNOT_START_YET }

    record Task(String id, String name, String href, String hint, TaskStatus status) {
    }

    /** A row of check your answers; {@code lines} are the answer's lines, shown as text. */
    record Row(String field, String label, List<String> lines, Attachment file, String changeHref, boolean missing,
            String missingText) {
    }

    private final ApplicationService service;
    private final ApplicationAccess access;
    private final Funds funds;
    private final Organisations organisations;
    private final Messages messages;
    private final Clock clock;
    private final Formats fmt;
    private final Applications applications;

    ApplyPages(ApplicationService service, ApplicationAccess access, Funds funds, Organisations organisations,
            Messages messages, Clock clock, Formats fmt, Applications applications) {
        this.service = service;
        this.access = access;
        this.funds = funds;
        this.organisations = organisations;
        this.messages = messages;
        this.clock = clock;
        this.fmt = fmt;
        this.applications = applications;
    }

    // ---- Your applications ----------------------------------------------------------------------------------

    @GetMapping("/applications")
    String list(CurrentUser user, Model model) {
        if (user.isStaff()) {
            return "redirect:/staff";
        }
        if (user.organisationId() == null) {
            model.addAttribute("noGroup", true);
            return "applications/list";
        }
        Map<Long, String> fundNames = new HashMap<>();
        List<Listed> listed = access.readablePage(user, null, null, Paging.of(0, 1000, 1000)).applications().stream()
                .map(a -> new Listed(a, fundNames.computeIfAbsent(a.fundId(), f -> funds.get(f).name()),
                        messages.text("apply.status." + a.status().name()), TAG_COLOURS.get(a.status())))
                .toList();
        model.addAttribute("noGroup", false);
        model.addAttribute("applications", listed);
        model.addAttribute("group", organisations.find(user.organisationId()).map(o -> o.name()).orElse(null));
        return "applications/list";
    }

    // ---- Starting a draft -----------------------------------------------------------------------------------

    @GetMapping("/applications/new")
    String start(CurrentUser user, @RequestParam(name = "fund", required = false) String slug,
            @RequestParam(name = "amount", required = false) String amount, Model model) {
        if (user.isStaff()) {
            return "redirect:/staff";
        }
        if (user.organisationId() == null) {
            return "redirect:/applications";
        }
        Fund fund = openFund(slug);
        model.addAttribute("fund", fund);
        Optional<BigDecimal> asked = amount(fund, amount);
        model.addAttribute("amount", asked.map(BigDecimal::toPlainString).orElse(null));
        model.addAttribute("amountText", asked.map(fmt::money).orElse(null));
        model.addAttribute("key", UUID.randomUUID().toString());
        model.addAttribute("textQuestions", fund.questions().stream().filter(q -> !q.isFile()).toList());
        model.addAttribute("fileQuestions", fund.questions().stream().filter(Fund.Question::isFile).toList());
        model.addAttribute("minutes", 15 + 10 * fund.questions().stream().filter(q -> !q.isFile()).count());
        model.addAttribute("backLink", "/funds/" + fund.slug() + "/check/result");
        return "applications/start";
    }

    /** Makes one draft per key: a double click, the back button or a second tab finds the same draft. */
    @PostMapping("/applications/new")
    String create(CurrentUser user, @RequestParam MultiValueMap<String, String> params) {
        if (user.isStaff()) {
            return "redirect:/staff";
        }
        if (user.organisationId() == null) {
            return "redirect:/applications";
        }
        Fund fund = openFund(params.getFirst("fund"));
        String key = params.getFirst("key");
        if (key == null || !key.matches(KEY_PATTERN)) {
            return "redirect:/applications/new?fund=" + fund.slug();
        }
        Application draft;
        try {
            draft = service.createDraft(user, new ApplicationRequest(fund.id(), "", null,
                    amount(fund, params.getFirst("amount")).orElse(null), Map.of()), "page-" + key);
        } catch (IdempotencyKeyReusedException changedSinceFirstSent) {
            // the same start page sent again with other values: its draft already exists, carry on there
            draft = applications.findByIdempotencyKey(user.organisationId(), "page-" + key).orElseThrow();
        }
        return "redirect:/applications/" + draft.id() + "/apply";
    }

    // ---- The task list --------------------------------------------------------------------------------------

    @GetMapping("/applications/{id}/apply")
    String taskList(CurrentUser user, @PathVariable long id, Model model) {
        Application application = access.ownedBy(user, id);
        if (application.status() != ApplicationStatus.DRAFT) {
            return "redirect:/applications/" + id;
        }
        Fund fund = funds.get(application.fundId());
        Map<String, Attachment> files = files(user, id);
        List<FieldError> missing = service.missing(application);
        String base = "/applications/" + id;

        List<Task> about = new ArrayList<>();
        int projectDone = (isBlank(application.title()) ? 0 : 1) + (isBlank(application.summary()) ? 0 : 1)
                + (application.amountRequested() == null ? 0 : 1);
        about.add(new Task(PROJECT, messages.text("apply.project.title"), base + "/project",
                messages.text("apply.project.taskHint"),
                projectDone == 3 ? TaskStatus.COMPLETED : projectDone == 0 ? TaskStatus.NOT_STARTED
                        : TaskStatus.IN_PROGRESS));
        for (Fund.Question question : fund.questions()) {
            boolean done = question.isFile() ? files.containsKey(question.key())
                    : !isBlank(application.answers().get(question.key()));
            about.add(new Task(question.key(), question.label(), base + "/questions/" + question.key(),
                    question.required() ? null : messages.text("apply.task.optional"),
                    done ? TaskStatus.COMPLETED : TaskStatus.NOT_STARTED));
        }
        boolean complete = missing.isEmpty();
        List<Task> send = List.of(new Task("check", messages.text("apply.check.task"),
                complete ? base + "/check-answers" : null,
                complete ? null : messages.text("apply.check.taskHint"),
                complete ? TaskStatus.NOT_STARTED : TaskStatus.CANNOT_START_YET));
        model.addAttribute("app", application);
        model.addAttribute("fund", fund);
        model.addAttribute("about", about);
        model.addAttribute("send", send);
        model.addAttribute("completed", about.stream().filter(t -> t.status() == TaskStatus.COMPLETED).count());
        model.addAttribute("total", about.size());
        model.addAttribute("missingCount", missing.size());
        model.addAttribute("backLink", "/applications");
        return "applications/task-list";
    }

    // ---- About your project ---------------------------------------------------------------------------------

    @GetMapping("/applications/{id}/project")
    String project(CurrentUser user, @PathVariable long id, @RequestParam(name = "return", required = false)
            String returnTo, HttpServletRequest request, Model model) {
        Application application = access.ownedBy(user, id);
        if (application.status() != ApplicationStatus.DRAFT) {
            return "redirect:/applications/" + id;
        }
        PageForm form = ResumedForm.take(request).map(PageForm::of).orElseGet(() -> {
            Map<String, String> values = new HashMap<>();
            values.put("title", application.title());
            values.put("summary", application.summary());
            values.put("amount", application.amountRequested() == null ? null
                    : application.amountRequested().stripTrailingZeros().toPlainString());
            return PageForm.of(values);
        });
        return showProject(application, form, CHECK.equals(returnTo) || CHECK.equals(form.value("return")), model);
    }

    @PostMapping("/applications/{id}/project")
    String saveProject(CurrentUser user, @PathVariable long id, @RequestParam MultiValueMap<String, String> params,
            Model model) {
        Application application = access.ownedBy(user, id);
        if (application.status() != ApplicationStatus.DRAFT) {
            return "redirect:/applications/" + id;
        }
        PageForm form = PageForm.of(params, List.of("title", "summary", "amount"));
        boolean toCheck = CHECK.equals(params.getFirst("return"));
        String amountText = form.text("amount");
        BigDecimal amount = null;
        if (amountText != null) {
            String cleaned = amountText.replace("£", "").replace(",", "").strip();
            if (cleaned.matches(AMOUNT_PATTERN)) {
                amount = new BigDecimal(cleaned);
            }
        }
        try {
            if (amountText != null && amount == null) {
                // check the text fields too, so every problem shows at once, in page order
                try {
                    service.checkProject(user, id, form.text("title"), lines(form.value("summary")), null);
                } catch (InvalidInputException e) {
                    form.reject(e, ApplyPages::projectField);
                }
                form.reject("amount", messages.text("apply.project.amountNotNumber"));
                return showProject(application, form, toCheck, model);
            }
            service.saveProject(user, id, form.text("title"), lines(form.value("summary")), amount);
        } catch (InvalidInputException e) {
            form.reject(e, ApplyPages::projectField);
            return showProject(application, form, toCheck, model);
        }
        return next(application, PROJECT, params.getFirst("action"), toCheck);
    }

    private String showProject(Application application, PageForm form, boolean toCheck, Model model) {
        Fund fund = funds.get(application.fundId());
        model.addAttribute("app", application);
        model.addAttribute("fund", fund);
        model.addAttribute("form", form);
        model.addAttribute("returnTo", toCheck ? CHECK : null);
        model.addAttribute("amountHint", messages.text("apply.project.amountHint", fmt.money(fund.minimumAward()),
                fmt.money(fund.maximumAward())));
        model.addAttribute("backLink", back(application.id(), toCheck));
        return "applications/project";
    }

    private static String projectField(String serviceField) {
        return "amountRequested".equals(serviceField) ? "amount" : serviceField;
    }

    // ---- The fund's questions -------------------------------------------------------------------------------

    @GetMapping("/applications/{id}/questions/{key}")
    String question(CurrentUser user, @PathVariable long id, @PathVariable String key,
            @RequestParam(name = "return", required = false) String returnTo, HttpServletRequest request,
            Model model) {
        Application application = access.ownedBy(user, id);
        if (application.status() != ApplicationStatus.DRAFT) {
            return "redirect:/applications/" + id;
        }
        Fund.Question question = question(application, key);
        PageForm form = ResumedForm.take(request).map(PageForm::of)
                .orElseGet(() -> PageForm.of(question.isFile() ? Map.of()
                        : Optional.ofNullable(application.answers().get(key)).map(a -> Map.of("answer", a))
                                .orElse(Map.of())));
        return showQuestion(user, application, question, form,
                CHECK.equals(returnTo) || CHECK.equals(form.value("return")), model);
    }

    @PostMapping("/applications/{id}/questions/{key}")
    String answer(CurrentUser user, @PathVariable long id, @PathVariable String key,
            @RequestParam MultiValueMap<String, String> params, Model model) {
        Application application = access.ownedBy(user, id);
        if (application.status() != ApplicationStatus.DRAFT) {
            return "redirect:/applications/" + id;
        }
        Fund.Question question = question(application, key);
        boolean toCheck = CHECK.equals(params.getFirst("return"));
        if (question.isFile()) {
            // a file page sent without a file (no JavaScript, old browser): nothing to save
            return next(application, key, params.getFirst("action"), toCheck);
        }
        PageForm form = PageForm.of(params, List.of("answer"));
        try {
            service.saveAnswer(user, id, key, lines(form.value("answer")));
        } catch (InvalidInputException e) {
            form.reject(e, field -> "answer");
            return showQuestion(user, application, question, form, toCheck, model);
        }
        return next(application, key, params.getFirst("action"), toCheck);
    }

    /**
     * A file question's page. Multipart is read lazily (spring.servlet.multipart.resolve-lazily), so a file over the
     * limit is caught here and shown as a field error on this page rather than as an error page.
     */
    @PostMapping(path = "/applications/{id}/questions/{key}", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    String upload(CurrentUser user, @PathVariable long id, @PathVariable String key, HttpServletRequest request,
            Model model) {
        Application application = access.ownedBy(user, id);
        if (application.status() != ApplicationStatus.DRAFT) {
            return "redirect:/applications/" + id;
        }
        Fund.Question question = question(application, key);
        boolean toCheck = CHECK.equals(request.getParameter("return"));
        String action = request.getParameter("action");
        PageForm form = PageForm.empty();
        MultipartFile file;
        try {
            MultipartHttpServletRequest multipart = WebUtils.getNativeRequest(request, MultipartHttpServletRequest.class);
            file = multipart == null ? null : multipart.getFile("file");
            toCheck = CHECK.equals(request.getParameter("return"));
            action = request.getParameter("action");
        } catch (MaxUploadSizeExceededException tooLarge) {
            form.reject("file", messages.text("apply.file.tooLarge"));
            return showQuestion(user, application, question, form, toCheck, model);
        } catch (MultipartException unreadable) {
            form.reject("file", messages.text("apply.file.unreadable"));
            return showQuestion(user, application, question, form, toCheck, model);
        }
        if (!question.isFile()) {
            throw new NotFoundException("This question takes no file.");
        }
        if (file != null && !file.isEmpty()) {
            if (file.getSize() > UploadedFiles.MAX_BYTES) {
                form.reject("file", messages.text("apply.file.tooLarge"));
                return showQuestion(user, application, question, form, toCheck, model);
            }
            try {
                service.attach(user, id, key, file.getOriginalFilename(), file.getBytes());
            } catch (InvalidInputException e) {
                form.reject(e, field -> "file");
                return showQuestion(user, application, question, form, toCheck, model);
            } catch (IOException e) {
                form.reject("file", messages.text("apply.file.unreadable"));
                return showQuestion(user, application, question, form, toCheck, model);
            }
            if (!"save".equals(action) && !"continue".equals(action)) {
                action = "stay";
            }
        }
        return "stay".equals(action) ? "redirect:/applications/" + id + "/questions/" + key
                + (toCheck ? "?return=check" : "") : next(application, key, action, toCheck);
    }

    @PostMapping("/applications/{id}/questions/{key}/remove")
    String removeFile(CurrentUser user, @PathVariable long id, @PathVariable String key,
            @RequestParam MultiValueMap<String, String> params) {
        Application application = access.ownedBy(user, id);
        if (application.status() != ApplicationStatus.DRAFT) {
            return "redirect:/applications/" + id;
        }
        question(application, key);
        service.removeAttachment(user, id, key);
        return "redirect:/applications/" + id + "/questions/" + key
                + (CHECK.equals(params.getFirst("return")) ? "?return=check" : "");
    }

    private String showQuestion(CurrentUser user, Application application, Fund.Question question, PageForm form,
            boolean toCheck, Model model) {
        Fund fund = funds.get(application.fundId());
        List<String> steps = steps(fund);
        model.addAttribute("app", application);
        model.addAttribute("fund", fund);
        model.addAttribute("question", question);
        model.addAttribute("form", form);
        model.addAttribute("returnTo", toCheck ? CHECK : null);
        model.addAttribute("number", steps.indexOf(question.key()) + 1);
        model.addAttribute("count", steps.size());
        model.addAttribute("backLink", back(application.id(), toCheck));
        if (question.isFile()) {
            model.addAttribute("attachment", files(user, application.id()).get(question.key()));
            model.addAttribute("accept", UploadedFiles.ACCEPT);
            return "applications/file";
        }
        return "applications/question";
    }

    // ---- Check your answers and send ------------------------------------------------------------------------

    @GetMapping("/applications/{id}/check-answers")
    String checkAnswers(CurrentUser user, @PathVariable long id, Model model) {
        Application application = access.ownedBy(user, id);
        if (application.status() != ApplicationStatus.DRAFT) {
            return "redirect:/applications/" + id;
        }
        return showCheckAnswers(user, application, PageForm.empty(), model);
    }

    @PostMapping("/applications/{id}/submit")
    String submit(CurrentUser user, @PathVariable long id, Model model) {
        Application application = access.ownedBy(user, id);
        if (application.status() != ApplicationStatus.DRAFT) {
            return "redirect:/applications/" + id + "/submitted";
        }
        List<FieldError> missing = service.missing(application);
        PageForm form = PageForm.empty();
        if (missing.isEmpty()) {
            try {
                DeadlockRetry.run(() -> service.submit(user, id));
                return "redirect:/applications/" + id + "/submitted";
            } catch (InvalidInputException e) {
                missing = e.errors();
            }
        }
        missing.forEach(error -> form.reject(error.field(), error.message()).anchor(error.field(),
                "missing-" + anchor(error.field())));
        return showCheckAnswers(user, application, form, model);
    }

    private String showCheckAnswers(CurrentUser user, Application application, PageForm form, Model model) {
        Fund fund = funds.get(application.fundId());
        Map<String, Attachment> files = files(user, application.id());
        java.util.Set<String> missing = new java.util.HashSet<>();
        service.missing(application).forEach(e -> missing.add(e.field()));
        String base = "/applications/" + application.id();
        List<Row> project = List.of(
                new Row("title", messages.text("apply.project.titleLabel"), lines(application.title(), null), null,
                        base + "/project?return=check#title", missing.contains("title"),
                        messages.text("apply.check.enterTitle")),
                new Row("summary", messages.text("apply.project.summaryLabel"),
                        lines(application.summary(), null), null, base + "/project?return=check#summary",
                        missing.contains("summary"), messages.text("apply.check.enterSummary")),
                new Row("amountRequested", messages.text("apply.project.amountLabel"),
                        lines(application.amountRequested() == null ? null : fmt.money(application.amountRequested()),
                                null), null, base + "/project?return=check#amount",
                        missing.contains("amountRequested"), messages.text("apply.check.enterAmount")));
        List<Row> answers = new ArrayList<>();
        for (Fund.Question question : fund.questions()) {
            String field = "answers." + question.key();
            answers.add(new Row(field, question.label(),
                    question.isFile() ? List.of() : lines(application.answers().get(question.key()),
                            messages.text("apply.check.notAnswered")),
                    files.get(question.key()), base + "/questions/" + question.key() + "?return=check",
                    missing.contains(field), messages.text(question.isFile() ? "apply.check.addFile"
                            : "apply.check.answer")));
        }
        model.addAttribute("app", application);
        model.addAttribute("fund", fund);
        model.addAttribute("group", organisations.find(application.organisationId()).orElse(null));
        model.addAttribute("projectRows", project);
        model.addAttribute("answerRows", answers);
        model.addAttribute("missingCount", missing.size());
        model.addAttribute("form", form);
        model.addAttribute("backLink", base + "/apply");
        return "applications/check-answers";
    }

    // ---- Sent -----------------------------------------------------------------------------------------------

    @GetMapping("/applications/{id}/submitted")
    String submitted(CurrentUser user, @PathVariable long id, Model model) {
        Application application = access.ownedBy(user, id);
        if (application.status() == ApplicationStatus.DRAFT) {
            return "redirect:/applications/" + id + "/apply";
        }
        Fund fund = funds.get(application.fundId());
        LocalDate decisionBy = SubmissionNews.decisionBy(application, fund);
        model.addAttribute("app", application);
        model.addAttribute("fund", fund);
        model.addAttribute("ineligible", application.status() == ApplicationStatus.INELIGIBLE);
        model.addAttribute("fullRoute", application.route() == Route.FULL);
        model.addAttribute("decisionBy", decisionBy);
        model.addAttribute("group", organisations.find(application.organisationId()).map(o -> o.name()).orElse(null));
        return "applications/submitted";
    }

    // ---- Files ----------------------------------------------------------------------------------------------

    /** A file, for the group and for staff who may read the application; 404 for anyone else. */
    @GetMapping("/applications/{id}/attachments/{attachmentId}")
    ResponseEntity<byte[]> download(CurrentUser user, @PathVariable long id, @PathVariable long attachmentId) {
        ApplicationService.Download download = service.download(user, id, attachmentId);
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(download.attachment().contentType()))
                .contentLength(download.content().length)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(download.fileName()).build().toString())
                .header("X-Content-Type-Options", "nosniff")
                .cacheControl(CacheControl.noStore().cachePrivate())
                .body(download.content());
    }

    // ---- Helpers --------------------------------------------------------------------------------------------

    /** The project page, then the fund's questions in order. */
    static List<String> steps(Fund fund) {
        List<String> steps = new ArrayList<>();
        steps.add(PROJECT);
        fund.questions().forEach(q -> steps.add(q.key()));
        return steps;
    }

    /** Continue goes on to the next page (or back to check your answers); "save" goes back to the task list. */
    private String next(Application application, String step, String action, boolean toCheck) {
        String base = "redirect:/applications/" + application.id();
        if ("save".equals(action)) {
            return base + "/apply";
        }
        if (toCheck) {
            return base + "/check-answers";
        }
        List<String> steps = steps(funds.get(application.fundId()));
        int next = steps.indexOf(step) + 1;
        if (next >= steps.size()) {
            return base + "/check-answers";
        }
        return base + "/questions/" + steps.get(next);
    }

    private Fund.Question question(Application application, String key) {
        return funds.get(application.fundId()).questions().stream().filter(q -> q.key().equals(key)).findFirst()
                .orElseThrow(() -> new NotFoundException("This fund asks no such question."));
    }

    private Map<String, Attachment> files(CurrentUser user, long id) {
        Map<String, Attachment> files = new HashMap<>();
        service.attachments(user, id).forEach(a -> files.put(a.questionKey(), a));
        return files;
    }

    private Fund openFund(String slug) {
        Fund fund = slug == null ? null : funds.findBySlug(slug).orElse(null);
        if (fund == null || !fund.isOpenOn(LocalDate.now(clock))) {
            throw new NotFoundException("There is no open fund " + slug + ".");
        }
        return fund;
    }

    private static Optional<BigDecimal> amount(Fund fund, String text) {
        if (text == null || !text.strip().matches(AMOUNT_PATTERN)) {
            return Optional.empty();
        }
        BigDecimal amount = new BigDecimal(text.strip());
        return amount.compareTo(fund.minimumAward()) < 0 || amount.compareTo(fund.maximumAward()) > 0
                ? Optional.empty() : Optional.of(amount);
    }

    private static String back(long id, boolean toCheck) {
        return "/applications/" + id + (toCheck ? "/check-answers" : "/apply");
    }

    private static String anchor(String field) {
        return field.startsWith("answers.") ? field.substring("answers.".length()) : field;
    }

    private static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }

    /** Line breaks as one character each, as the character count in the browser counts them. */
    private static String lines(String text) {
        return text == null ? null : text.replace("\r\n", "\n").replace('\r', '\n');
    }

    private static List<String> lines(String text, String whenBlank) {
        if (isBlank(text)) {
            return whenBlank == null ? List.of() : List.of(whenBlank);
        }
        return List.of(text.strip().replace("\r\n", "\n").split("\n"));
    }
}
