package org.kith.funds;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;

import org.kith.identity.CurrentUser;
import org.kith.web.Messages;
import org.kith.web.PageForm;
import org.springframework.dao.DuplicateKeyException;
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
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.WebUtils;

/**
 * The staff's fund pages: the funds a person administers, importing a fund file, exporting one, and changing a
 * fund's dates and money limits. Admins work on every fund, fund managers on the funds they manage; anyone else
 * is refused (403). Rules live in {@link FundRules}, the work in {@link FundAdmin}.
 */
@Controller
class FundAdminPages {

    /** A fund file is text: a megabyte holds hundreds of funds. */
    static final int MAX_FILE_BYTES = 1024 * 1024;
    /** A file can break thousands of rules; the page lists this many and says how many more. */
    static final int MAX_LISTED = 100;

    static final List<String> EDIT_FIELDS = List.of("opensOn", "closesOn", "budget", "minimumAward", "maximumAward",
            "lightTouchThreshold");

    /** A row of the list: the fund and whether it is open today; {@code manages} shows the fund manager's links. */
    record Row(Fund fund, String state, boolean manages) {
    }

    private final FundAdmin admin;
    private final Messages messages;
    private final Clock clock;

    FundAdminPages(FundAdmin admin, Messages messages, Clock clock) {
        this.admin = admin;
        this.messages = messages;
        this.clock = clock;
    }

    @GetMapping("/staff/funds")
    String list(CurrentUser user, Model model) {
        LocalDate today = LocalDate.now(clock);
        model.addAttribute("rows", admin.list(user).stream()
                .map(f -> new Row(f, today.isBefore(f.opensOn()) ? "notYetOpen"
                        : today.isAfter(f.closesOn()) ? "closed" : "open", user.managesFund(f.id())))
                .toList());
        return "staff/funds/list";
    }

    @GetMapping("/staff/funds/import")
    String importForm(CurrentUser user, Model model) {
        FundAdmin.checkMayAdminister(user);
        return importPage(PageForm.empty(), model);
    }

    /**
     * Multipart is read lazily (spring.servlet.multipart.resolve-lazily), so a file over the container's limit is a
     * field error here, as on the apply pages; one over {@link #MAX_FILE_BYTES} too.
     */
    @PostMapping(path = "/staff/funds/import", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    String importFile(CurrentUser user, HttpServletRequest request, Model model, RedirectAttributes redirect) {
        FundAdmin.checkMayAdminister(user);
        PageForm form = PageForm.empty();
        MultipartFile file;
        boolean replace;
        try {
            MultipartHttpServletRequest multipart = WebUtils.getNativeRequest(request, MultipartHttpServletRequest.class);
            file = multipart == null ? null : multipart.getFile("file");
            replace = "yes".equals(request.getParameter("replace"));
        } catch (MaxUploadSizeExceededException tooLarge) {
            return importPage(form.reject("file", messages.text("funds.import.tooLarge")), model);
        } catch (MultipartException unreadable) {
            return importPage(form.reject("file", messages.text("funds.import.unreadable")), model);
        }
        if (replace) {
            form.set("replace", "yes");
        }
        if (file == null || file.isEmpty()) {
            return importPage(form.reject("file", messages.text("funds.import.choose")), model);
        }
        if (file.getSize() > MAX_FILE_BYTES) {
            return importPage(form.reject("file", messages.text("funds.import.tooLarge")), model);
        }
        List<FundAdmin.Imported> imported;
        try {
            imported = admin.importFile(user, file.getBytes(), file.getOriginalFilename(), replace);
        } catch (FundRules.FundFileException e) {
            return importPage(listed(form, e.problems()), model);
        } catch (DuplicateKeyException raced) {
            // another import made a fund with one of these slugs at the same moment; this one was rolled back whole
            return importPage(form.reject("file", messages.text("funds.import.raced")), model);
        } catch (IOException e) {
            return importPage(form.reject("file", messages.text("funds.import.unreadable")), model);
        }
        redirect.addFlashAttribute("successBanner", messages.text("funds.import.done", imported.stream()
                .map(i -> messages.text(i.replaced() ? "funds.import.replacedOne" : "funds.import.addedOne", i.name(),
                        i.slug()))
                .collect(Collectors.joining("; "))));
        return "redirect:/staff/funds";
    }

    @GetMapping("/staff/funds/{id}/export.json")
    ResponseEntity<byte[]> export(CurrentUser user, @PathVariable long id) {
        String json = admin.export(user, id);
        Fund fund = admin.get(user, id);
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(fund.slug() + ".json").build().toString())
                .header("X-Content-Type-Options", "nosniff")
                .contentType(MediaType.APPLICATION_JSON)
                .body(json.getBytes(StandardCharsets.UTF_8));
    }

    @GetMapping("/staff/funds/{id}/edit")
    String edit(CurrentUser user, @PathVariable long id, Model model) {
        Fund fund = admin.get(user, id);
        PageForm form = PageForm.of(Map.of("opensOn", fund.opensOn().toString(),
                "closesOn", fund.closesOn().toString(), "budget", plain(fund.budget()),
                "minimumAward", plain(fund.minimumAward()), "maximumAward", plain(fund.maximumAward()),
                "lightTouchThreshold", plain(fund.lightTouchThreshold())));
        return editPage(fund, form, model);
    }

    @PostMapping("/staff/funds/{id}/edit")
    String save(CurrentUser user, @PathVariable long id, @RequestParam MultiValueMap<String, String> params,
            Model model, RedirectAttributes redirect) {
        Fund fund = admin.get(user, id);
        PageForm form = PageForm.of(params, EDIT_FIELDS);
        LocalDate opensOn = date(form, "opensOn");
        LocalDate closesOn = date(form, "closesOn");
        BigDecimal budget = money(form, "budget");
        BigDecimal minimum = money(form, "minimumAward");
        BigDecimal maximum = money(form, "maximumAward");
        BigDecimal lightTouch = money(form, "lightTouchThreshold");
        FundAdmin.Limits limits = new FundAdmin.Limits(opensOn, closesOn, budget, minimum, maximum, lightTouch);
        if (form.hasErrors()) {
            // what the rules say of the values that could be read, beside what could not be read
            return editPage(fund, sorted(rejected(form, admin.check(user, id, limits))), model);
        }
        try {
            admin.change(user, id, limits);
        } catch (FundRules.FundFileException e) {
            return editPage(fund, sorted(rejected(form, e.problems())), model);
        }
        redirect.addFlashAttribute("successBanner", messages.text("funds.edit.done", fund.name()));
        return "redirect:/staff/funds";
    }

    /** The rules' problems as the page's field errors; a field that already has one keeps it. */
    private PageForm rejected(PageForm form, List<FundRules.Problem> problems) {
        for (FundRules.Problem problem : problems) {
            if (EDIT_FIELDS.contains(problem.path())) {
                form.reject(problem.path(), messages.text("funds.edit." + problem.path()) + " " + problem.message());
            } else {
                form.reject(problem.path(), problem.toString()).anchor(problem.path(), "opensOn");
            }
        }
        return form;
    }

    private String importPage(PageForm form, Model model) {
        model.addAttribute("form", form);
        model.addAttribute("maxListed", MAX_LISTED);
        model.addAttribute("backLink", "/staff/funds");
        return "staff/funds/import";
    }

    /** Every problem in the error summary, each with its path, all leading to the file input. */
    private PageForm listed(PageForm form, List<FundRules.Problem> problems) {
        form.reject("file", messages.text(problems.size() == 1 ? "funds.import.oneProblem"
                : "funds.import.problems", problems.size()));
        int listed = 0;
        for (FundRules.Problem problem : problems) {
            if (listed++ == MAX_LISTED) {
                form.reject("more", messages.text("funds.import.more", problems.size() - MAX_LISTED))
                        .anchor("more", "file");
                break;
            }
            String key = "problem-" + listed;
            form.reject(key, problem.toString()).anchor(key, "file");
        }
        return form;
    }

    private String editPage(Fund fund, PageForm form, Model model) {
        model.addAttribute("fund", fund);
        model.addAttribute("form", form);
        model.addAttribute("backLink", "/staff/funds");
        return "staff/funds/edit";
    }

    /** The page's errors in the order of its fields, whatever order the rules found them in. */
    private static PageForm sorted(PageForm form) {
        PageForm ordered = PageForm.of(form.values());
        for (String field : EDIT_FIELDS) {
            if (form.hasError(field)) {
                ordered.reject(field, form.error(field));
            }
        }
        form.errors().forEach((field, message) -> ordered.reject(field, message).anchor(field, form.anchor(field)));
        return ordered;
    }

    private LocalDate date(PageForm form, String field) {
        String text = form.text(field);
        if (text == null) {
            form.reject(field, messages.text("funds.edit." + field + ".missing"));
            return null;
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            form.reject(field, messages.text("funds.edit." + field + ".invalid"));
            return null;
        }
    }

    private BigDecimal money(PageForm form, String field) {
        String text = form.text(field);
        if (text == null) {
            form.reject(field, messages.text("funds.edit." + field + ".missing"));
            return null;
        }
        String plain = text.replace("£", "").replace(",", "").strip();
        try {
            return new BigDecimal(plain);
        } catch (NumberFormatException e) {
            form.reject(field, messages.text("funds.edit." + field + ".invalid"));
            return null;
        }
    }

    private static String plain(BigDecimal amount) {
        return amount.stripTrailingZeros().scale() <= 0 ? amount.setScale(0).toPlainString()
                : amount.setScale(2).toPlainString();
    }
}
