package org.kith.notifications;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

import org.kith.funds.Fund;
import org.kith.funds.Funds;
import org.kith.identity.CurrentUser;
import org.kith.identity.Role;
import org.kith.web.ForbiddenException;
import org.kith.web.InvalidInputException;
import org.kith.web.Messages;
import org.kith.web.NotFoundException;
import org.kith.web.PageForm;
import org.kith.web.ResumedForm;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A fund's own wording of the messages groups receive: the kinds, whether the fund has its own wording of each,
 * and one kind's subject and text with the placeholders it supports, previewed with sample values (as text), saved,
 * or put back to the standard wording. For fund managers of the fund and admins.
 */
@Controller
class MessageTemplatePages {

    /** Placeholders whose meaning depends on the kind: the amount offered, paid, asked for... */
    private static final java.util.Set<String> KIND_SPECIFIC = java.util.Set.of("amount", "date", "details");

    private final Funds funds;
    private final MessageTemplates templates;
    private final Messages messages;
    private final Outbox outbox;

    MessageTemplatePages(Funds funds, MessageTemplates templates, Messages messages, Outbox outbox) {
        this.funds = funds;
        this.templates = templates;
        this.messages = messages;
        this.outbox = outbox;
    }

    /** A kind as the list shows it. */
    record KindRow(String key, String name, String description, boolean own) {
    }

    /** A placeholder and what it stands for in this kind. */
    record PlaceholderRow(String token, String meaning, boolean required) {
    }

    @GetMapping("/staff/funds/{fundId}/messages")
    String list(CurrentUser user, @PathVariable long fundId, Model model) {
        Fund fund = editable(user, fundId);
        Map<String, MessageTemplates.Template> own = templates.forFund(fundId);
        model.addAttribute("fund", fund);
        model.addAttribute("kinds", MessageKinds.all().stream()
                .map(k -> new KindRow(k.key(), name(k), messages.text("msgTemplates.kind." + k.key() + ".when"),
                        own.containsKey(k.key())))
                .toList());
        return "staff/messages/list";
    }

    @GetMapping("/staff/funds/{fundId}/messages/{kind}")
    String show(CurrentUser user, @PathVariable long fundId, @PathVariable String kind, HttpServletRequest request,
            Model model) {
        Fund fund = editable(user, fundId);
        MessageKinds.Kind found = kind(kind);
        Optional<MessageTemplates.Template> own = templates.find(fundId, found.key());
        PageForm form = ResumedForm.take(request).map(PageForm::of).orElseGet(() -> PageForm.of(Map.of(
                "subject", own.map(MessageTemplates.Template::subject).orElse(found.subject()),
                "body", own.map(MessageTemplates.Template::body).orElse(found.body()))));
        return form(fund, found, own, form, null, model);
    }

    @PostMapping("/staff/funds/{fundId}/messages/{kind}")
    String act(CurrentUser user, @PathVariable long fundId, @PathVariable String kind,
            @RequestParam MultiValueMap<String, String> params, Model model, RedirectAttributes redirect) {
        Fund fund = editable(user, fundId);
        MessageKinds.Kind found = kind(kind);
        String action = params.getFirst("action");
        if ("standard".equals(action)) {
            templates.useStandard(fundId, fund.name(), found, user.username());
            redirect.addFlashAttribute("successBanner", messages.text("msgTemplates.standardDone", name(found)));
            return "redirect:/staff/funds/" + fundId + "/messages";
        }
        PageForm form = PageForm.of(params, List.of("subject", "body"));
        String subject = form.value("subject") == null ? null : form.value("subject").strip();
        String body = form.value("body") == null ? null : form.value("body").strip();
        try {
            if ("save".equals(action)) {
                templates.save(fundId, fund.name(), found, subject, body, user.username());
                redirect.addFlashAttribute("successBanner", messages.text("msgTemplates.saved", name(found)));
                return "redirect:/staff/funds/" + fundId + "/messages";
            }
            MessageTemplates.check(found, subject, body);
        } catch (InvalidInputException e) {
            form.reject(e);
            return form(fund, found, templates.find(fundId, found.key()), form, null, model);
        }
        MessageTemplates.Rendered preview = MessageTemplates.render(found, subject, body, samples(fund));
        return form(fund, found, templates.find(fundId, found.key()), form, preview, model);
    }

    private String form(Fund fund, MessageKinds.Kind kind, Optional<MessageTemplates.Template> own, PageForm form,
            MessageTemplates.Rendered preview, Model model) {
        model.addAttribute("fund", fund);
        model.addAttribute("kindKey", kind.key());
        model.addAttribute("kindName", name(kind));
        model.addAttribute("kindWhen", messages.text("msgTemplates.kind." + kind.key() + ".when"));
        model.addAttribute("own", own.orElse(null));
        model.addAttribute("placeholders", kind.placeholders().stream()
                .map(p -> new PlaceholderRow("{" + p + "}", meaning(kind, p), kind.required().contains(p)))
                .toList());
        model.addAttribute("form", form);
        model.addAttribute("preview", preview);
        model.addAttribute("previewParagraphs", preview == null ? List.of() : List.of(preview.body().split("\n{2,}")));
        model.addAttribute("subjectMax", MessageTemplates.SUBJECT_MAX);
        model.addAttribute("bodyMax", MessageTemplates.BODY_MAX);
        model.addAttribute("backLink", "/staff/funds/" + fund.id() + "/messages");
        return "staff/messages/edit";
    }

    /** Sample values, so a preview reads like a real message. */
    private Map<String, String> samples(Fund fund) {
        Map<String, String> values = new HashMap<>();
        values.put("group", messages.text("msgTemplates.sample.group"));
        values.put("reference", "KITH-2027-000123");
        values.put("fund", fund.name());
        values.put("link", outbox.publicUrl() + "/applications/123");
        values.put("amount", Wording.money(new java.math.BigDecimal("2500")));
        values.put("date", Wording.day(java.time.LocalDate.of(2027, 3, 14)));
        for (String name : List.of("details", "question", "reason", "feedback")) {
            values.put(name, messages.text("msgTemplates.sample." + name));
        }
        return values;
    }

    private String name(MessageKinds.Kind kind) {
        return messages.text("msgTemplates.kind." + kind.key());
    }

    private String meaning(MessageKinds.Kind kind, String placeholder) {
        return messages.text(KIND_SPECIFIC.contains(placeholder)
                ? "msgTemplates.placeholder." + kind.key() + "." + placeholder
                : "msgTemplates.placeholder." + placeholder);
    }

    private static MessageKinds.Kind kind(String key) {
        return MessageKinds.find(key).orElseThrow(() -> new NotFoundException("There is no message kind " + key));
    }

    /** The fund, for a fund manager of it or an admin; a fund that does not exist is not found. */
    private Fund editable(CurrentUser user, long fundId) {
        Fund fund = funds.find(fundId).orElseThrow(() -> new NotFoundException("There is no fund " + fundId));
        if (!user.managesFund(fundId) && !user.has(Role.ADMIN)) {
            throw new ForbiddenException("Only a fund manager of this fund or an admin changes its messages.");
        }
        return fund;
    }
}
