package org.kith.awards;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

import org.kith.funds.Funds;
import org.kith.identity.CurrentUser;
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
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The fund manager's payments: what is due (a waiting recordPayment task and its tranche), marking one paid with
 * the finance system's reference, and the payments due as CSV for the finance system. Marking paid completes the
 * task through the task service, so its candidate group and readability rules hold; a payment recorded already
 * (by someone else, or by this form sent twice) gives the "already recorded" page.
 */
@Controller
class PaymentPages {

    private final PaymentsDue payments;
    private final Funds funds;
    private final TaskPages taskPages;
    private final Messages messages;

    PaymentPages(PaymentsDue payments, Funds funds, TaskPages taskPages, Messages messages) {
        this.payments = payments;
        this.funds = funds;
        this.taskPages = taskPages;
        this.messages = messages;
    }

    @GetMapping("/staff/payments")
    String list(CurrentUser user, @RequestParam(name = "fund", required = false) String fund, Model model) {
        PaymentsDue.checkMayViewAny(user);
        Long fundId = fundFilter(user, fund);
        List<PaymentsDue.Due> due = payments.due(user, fundId);
        model.addAttribute("payments", due);
        model.addAttribute("managed", due.stream().map(PaymentsDue.Due::fundId).filter(user::managesFund)
                .collect(java.util.stream.Collectors.toSet()));
        model.addAttribute("today", payments.today());
        model.addAttribute("canReview", user.has(org.kith.identity.Role.FUND_MANAGER));
        model.addAttribute("fundOptions", fundOptions(user));
        model.addAttribute("filter", PageForm.empty().set("fund", fundId));
        model.addAttribute("fundId", fundId);
        model.addAttribute("csvLink", fundId == null ? "/staff/payments.csv" : "/staff/payments.csv?fund=" + fundId);
        return "staff/payments/list";
    }

    @GetMapping(value = "/staff/payments.csv")
    ResponseEntity<byte[]> csv(CurrentUser user, @RequestParam(name = "fund", required = false) String fund) {
        PaymentsDue.checkMayViewAny(user);
        byte[] body = PaymentsCsv.of(payments.due(user, fundFilter(user, fund))).getBytes(StandardCharsets.UTF_8);
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("payments-due-" + payments.today() + ".csv").build().toString())
                .header("X-Content-Type-Options", "nosniff")
                .body(body);
    }

    @GetMapping("/staff/payments/{paymentId}/paid")
    String markPaidForm(CurrentUser user, @PathVariable long paymentId, HttpServletRequest request, Model model) {
        PaymentsDue.Row payment = actionable(user, paymentId);
        if (payment.paid()) {
            return alreadyRecorded(payment, false, model);
        }
        return form(payment, ResumedForm.take(request).map(PageForm::of).orElseGet(PageForm::empty), model);
    }

    @PostMapping("/staff/payments/{paymentId}/paid")
    String markPaid(CurrentUser user, @PathVariable long paymentId,
            @RequestParam MultiValueMap<String, String> params, Model model, RedirectAttributes redirect) {
        PaymentsDue.Row payment = actionable(user, paymentId);
        if (payment.paid()) {
            return alreadyRecorded(payment, true, model);
        }
        PageForm form = PageForm.of(params, List.of("reference"));
        String reference = form.text("reference");
        if (reference == null) {
            form.reject("reference", messages.text("payments.paid.referenceMissing"));
        } else if (reference.length() > AwardRecords.REFERENCE_MAX) {
            form.reject("reference", messages.text("payments.paid.referenceTooLong", AwardRecords.REFERENCE_MAX));
        } else if (!printable(reference)) {
            form.reject("reference", messages.text("payments.paid.referenceUnprintable"));
        }
        if (form.hasErrors()) {
            return form(payment, form, model);
        }
        Optional<TaskOutcome> done;
        try {
            done = taskPages.completeWaiting(user, payment.processInstanceId(), TaskKeys.RECORD_PAYMENT,
                    Map.of("paid", true, "reference", reference, "paymentId", paymentId));
        } catch (InvalidInputException e) {
            form.reject(e, field -> "reference");
            return form(payment, form, model);
        }
        if (done.isEmpty()) {
            return alreadyRecorded(payments.find(paymentId).orElseThrow(), true, model);
        }
        redirect.addFlashAttribute("successBanner", messages.text("payments.paid.done",
                payment.reference(), payment.tranche(), reference));
        return "redirect:/staff/payments";
    }

    /** Letters, numbers, spaces and punctuation: no control, format or line-separator characters. */
    static boolean printable(String text) {
        return PlainText.Check.isPlain(text) && text.codePoints().noneMatch(c -> switch (Character.getType(c)) {
            case Character.CONTROL, Character.FORMAT, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                    Character.UNASSIGNED, Character.PRIVATE_USE, Character.SURROGATE -> true;
            default -> false;
        });
    }

    /** The payment, for a fund manager who manages its fund; an admin may look at the list but not act. */
    private PaymentsDue.Row actionable(CurrentUser user, long paymentId) {
        PaymentsDue.checkMayViewAny(user);
        PaymentsDue.Row payment = payments.find(paymentId)
                .orElseThrow(() -> new NotFoundException("There is no payment " + paymentId + "."));
        if (!PaymentsDue.mayView(user, payment.fundId())) {
            throw new NotFoundException("There is no payment " + paymentId + " in your funds.");
        }
        if (!user.managesFund(payment.fundId())) {
            throw new ForbiddenException("Only a fund manager of this fund records its payments.");
        }
        return payment;
    }

    private String form(PaymentsDue.Row payment, PageForm form, Model model) {
        model.addAttribute("payment", payment);
        model.addAttribute("overdue", payments.overdue(payment.dueOn()));
        model.addAttribute("form", form);
        model.addAttribute("maxLength", AwardRecords.REFERENCE_MAX);
        model.addAttribute("backLink", "/staff/payments");
        return "staff/payments/mark-paid";
    }

    private String alreadyRecorded(PaymentsDue.Row payment, boolean again, Model model) {
        model.addAttribute("payment", payment);
        model.addAttribute("again", again);
        return "staff/payments/already-recorded";
    }

    /** The fund asked for, if it is a number and one this person may see; anything else is no filter. */
    private Long fundFilter(CurrentUser user, String fund) {
        if (fund == null || !fund.matches("\\d{1,18}")) {
            return null;
        }
        long fundId = Long.parseLong(fund);
        return PaymentsDue.mayView(user, fundId) ? fundId : null;
    }

    private List<Option> fundOptions(CurrentUser user) {
        return funds.all().stream().filter(f -> PaymentsDue.mayView(user, f.id()))
                .map(f -> new Option(String.valueOf(f.id()), f.name())).toList();
    }
}
