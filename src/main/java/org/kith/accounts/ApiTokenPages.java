package org.kith.accounts;

import java.util.List;

import org.kith.identity.ApiTokens;
import org.kith.identity.CurrentUser;
import org.kith.web.InvalidInputException;
import org.kith.web.Messages;
import org.kith.web.PageForm;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * {@code /account/tokens}: the signed-in person's API tokens, a form to make one, and revoking with a question
 * first. A new token's value is the answer to the POST that made it, not a redirect: it is never stored anywhere
 * (not even for a moment in the session as a flash attribute), and Spring Security's {@code Cache-Control:
 * no-store} keeps it out of the browser's cache. Sending the form again makes no second token with that name.
 */
@Controller
class ApiTokenPages {

    static final String TOKENS = "/account/tokens";

    private final ApiTokenSettings settings;
    private final Messages messages;

    ApiTokenPages(ApiTokenSettings settings, Messages messages) {
        this.settings = settings;
        this.messages = messages;
    }

    @GetMapping(TOKENS)
    String tokens(CurrentUser user, Model model) {
        return showTokens(user, PageForm.empty(), model);
    }

    @PostMapping(TOKENS)
    String create(CurrentUser user, @RequestParam MultiValueMap<String, String> params, Model model) {
        PageForm form = PageForm.of(params, List.of("name"));
        ApiTokens.Issued issued;
        try {
            issued = settings.create(user, form.value("name"));
        } catch (InvalidInputException e) {
            form.reject(e);
            return showTokens(user, form, model);
        }
        model.addAttribute("token", issued.token());
        model.addAttribute("value", issued.value());
        return "accounts/tokens/created";
    }

    private String showTokens(CurrentUser user, PageForm form, Model model) {
        model.addAttribute("form", form);
        model.addAttribute("tokens", settings.list(user));
        model.addAttribute("nameMax", ApiTokenSettings.NAME_MAX);
        model.addAttribute("backLink", "/account");
        return "accounts/tokens/list";
    }

    @GetMapping(TOKENS + "/{id}/revoke")
    String confirmRevoke(CurrentUser user, @PathVariable long id, Model model) {
        model.addAttribute("token", settings.get(user, id));
        model.addAttribute("backLink", TOKENS);
        return "accounts/tokens/revoke";
    }

    @PostMapping(TOKENS + "/{id}/revoke")
    String revoke(CurrentUser user, @PathVariable long id, RedirectAttributes redirect) {
        ApiTokens.Token token = settings.revoke(user, id);
        redirect.addFlashAttribute("successBanner", messages.text("tokens.revoked", token.name()));
        return "redirect:" + TOKENS;
    }
}
