package org.kith.accounts;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import org.kith.identity.CurrentUser;
import org.kith.identity.SignedIn;
import org.kith.identity.UserAccounts;
import org.kith.web.ApplyingFor;
import org.kith.web.InvalidInputException;
import org.kith.web.Messages;
import org.kith.web.PageForm;
import org.kith.web.ResumedForm;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The pages of an account: registering, confirming the address, a forgotten password, and the signed-in person's
 * own account (name, address, password). What an address may tell is decided by the services (decision 0008):
 * every page that takes an address answers the same whether or not it has an account. Passwords are never put
 * back into a form, and the token of a link travels only in its URL and then as a hidden field.
 */
@Controller
class AccountPages {

    static final String REGISTERED = "/register/check-email";
    static final String RESENT = "/account/confirm/again/sent";
    static final String RESET_SENT = "/account/forgot-password/sent";
    static final String SET_PASSWORD = "/account/set-password";

    private final Registration registration;
    private final PasswordReset reset;
    private final AccountSettings settings;
    private final PendingAddress pending;
    private final Messages messages;

    AccountPages(Registration registration, PasswordReset reset, AccountSettings settings, PendingAddress pending,
            Messages messages) {
        this.registration = registration;
        this.reset = reset;
        this.settings = settings;
        this.pending = pending;
        this.messages = messages;
    }

    // ---- registering

    @GetMapping("/register")
    String register(@RequestParam(required = false) String fund, @RequestParam(required = false) String amount,
            HttpServletRequest request, Model model) {
        if (SignedIn.username().isPresent()) {
            return "redirect:" + ApplyingFor.startUrl(fund, amount).orElse("/account");
        }
        ApplyingFor.remember(request.getSession(), fund, amount);
        PageForm form = ResumedForm.take(request).map(PageForm::of).orElseGet(PageForm::empty);
        return showRegister(form, fund, amount, model);
    }

    @PostMapping("/register")
    String registered(@RequestParam MultiValueMap<String, String> params, HttpServletRequest request, Model model,
            RedirectAttributes redirect) {
        PageForm form = PageForm.of(params, List.of("name", "email", "password"));
        String fund = params.getFirst("fund");
        String amount = params.getFirst("amount");
        ApplyingFor.remember(request.getSession(), fund, amount);
        String address;
        try {
            address = registration.register(form.value("name"), form.value("email"), form.value("password"));
        } catch (InvalidInputException e) {
            form.reject(e).set("password", null);
            return showRegister(form, fund, amount, model);
        }
        redirect.addFlashAttribute("address", address);
        return "redirect:" + REGISTERED;
    }

    private String showRegister(PageForm form, String fund, String amount, Model model) {
        model.addAttribute("form", form);
        boolean applying = ApplyingFor.startUrl(fund, amount).isPresent();
        model.addAttribute("fund", applying ? fund : null);
        model.addAttribute("amount", applying ? amount : null);
        model.addAttribute("backLink", applying ? "/funds/" + fund + "/check/result" : null);
        // signing in on the way to a protected page comes back to it: so to the application, if one was being started
        model.addAttribute("signInHref", ApplyingFor.startUrl(fund, amount).orElse("/sign-in"));
        return "accounts/register";
    }

    @GetMapping(REGISTERED)
    String checkEmail(Model model) {
        return checkEmailPage(model, "account.registered.title", "account.registered.sent",
                "account.registered.generic", "account.registered.next");
    }

    // ---- confirming the address

    @GetMapping("/account/confirm")
    String confirm(@RequestParam(required = false) String token, HttpServletRequest request, Model model) {
        ConfirmOutcome outcome = registration.confirm(token);
        if (outcome == ConfirmOutcome.CONFIRMED) {
            boolean signedIn = SignedIn.username().isPresent();
            model.addAttribute("signedIn", signedIn);
            model.addAttribute("next", signedIn ? "/account"
                    : ApplyingFor.startUrl(request.getSession(false)).orElse("/sign-in"));
            return "accounts/confirmed";
        }
        String key = "account.confirm." + outcome.name();
        if (outcome == ConfirmOutcome.ADDRESS_IN_USE) {
            return outcome(model, key, "/account", "account.confirm.toAccount");
        }
        return outcome(model, key, "/account/confirm/again", "account.confirm.newLink");
    }

    @GetMapping("/account/confirm/again")
    String again(HttpServletRequest request, Model model) {
        PageForm form = ResumedForm.take(request).map(PageForm::of).orElseGet(PageForm::empty);
        return showAgain(form, model);
    }

    @PostMapping("/account/confirm/again")
    String sendAgain(@RequestParam MultiValueMap<String, String> params, Model model, RedirectAttributes redirect) {
        PageForm form = PageForm.of(params, List.of("email"));
        if (form.text("email") == null) {
            form.reject("email", messages.text("account.again.enterEmail"));
            return showAgain(form, model);
        }
        registration.resendConfirmation(form.text("email"));
        redirect.addFlashAttribute("address", form.text("email"));
        return "redirect:" + RESENT;
    }

    private String showAgain(PageForm form, Model model) {
        return emailForm(form, model, "account.again", true, "/account/confirm/again");
    }

    /**
     * The one-field page that asks for an email address (send the confirmation again, forgotten password); its
     * words are {@code keys.title}, {@code .intro}, {@code .email}, {@code .hint} and {@code .submit}.
     */
    private String emailForm(PageForm form, Model model, String keys, boolean hinted, String action) {
        model.addAttribute("form", form);
        model.addAttribute("title", messages.text(keys + ".title"));
        model.addAttribute("intro", messages.text(keys + ".intro"));
        model.addAttribute("label", messages.text(keys + ".email"));
        model.addAttribute("hint", hinted ? messages.text(keys + ".hint") : null);
        model.addAttribute("action", action);
        model.addAttribute("submit", messages.text(keys + ".submit"));
        model.addAttribute("backLink", "/sign-in");
        return "accounts/email-form";
    }

    @GetMapping(RESENT)
    String resent(Model model) {
        return checkEmailPage(model, "account.again.sentTitle", "account.again.sent", "account.again.generic",
                "account.again.next");
    }

    // ---- a forgotten password

    @GetMapping("/account/forgot-password")
    String forgot(HttpServletRequest request, Model model) {
        PageForm form = ResumedForm.take(request).map(PageForm::of).orElseGet(PageForm::empty);
        return showForgot(form, model);
    }

    @PostMapping("/account/forgot-password")
    String askForReset(@RequestParam MultiValueMap<String, String> params, Model model, RedirectAttributes redirect) {
        PageForm form = PageForm.of(params, List.of("email"));
        try {
            reset.requestReset(form.value("email"));
        } catch (InvalidInputException e) {
            form.reject(e);
            return showForgot(form, model);
        }
        redirect.addFlashAttribute("address", form.text("email"));
        return "redirect:" + RESET_SENT;
    }

    private String showForgot(PageForm form, Model model) {
        return emailForm(form, model, "account.forgot", false, "/account/forgot-password");
    }

    @GetMapping(RESET_SENT)
    String resetSent(Model model) {
        return checkEmailPage(model, "account.forgot.sentTitle", "account.forgot.sent", "account.forgot.generic",
                "account.forgot.next");
    }

    @GetMapping("/account/reset-password")
    String newPassword(@RequestParam(required = false) String token, Model model) {
        return showNewPassword(reset.check(token), token, false, model);
    }

    @PostMapping("/account/reset-password")
    String setNewPassword(@RequestParam MultiValueMap<String, String> params, Model model,
            RedirectAttributes redirect) {
        return choosePassword(params, false, model, redirect);
    }

    // ---- the first password of an account an administrator made (the same page, other words)

    @GetMapping(SET_PASSWORD)
    String firstPassword(@RequestParam(required = false) String token, Model model) {
        return showNewPassword(reset.checkFirst(token), token, true, model);
    }

    @PostMapping(SET_PASSWORD)
    String setFirstPassword(@RequestParam MultiValueMap<String, String> params, Model model,
            RedirectAttributes redirect) {
        return choosePassword(params, true, model, redirect);
    }

    private String showNewPassword(LinkStatus status, String token, boolean first, Model model) {
        if (status != LinkStatus.VALID) {
            return resetProblem(model, status.name(), first);
        }
        return showNewPassword(PageForm.empty(), token, first, model);
    }

    private String choosePassword(MultiValueMap<String, String> params, boolean first, Model model,
            RedirectAttributes redirect) {
        String token = params.getFirst("token");
        PageForm form = PageForm.of(params, List.of("password"));
        ResetOutcome outcome;
        try {
            outcome = first ? reset.setFirst(token, form.value("password")) : reset.reset(token, form.value("password"));
        } catch (InvalidInputException e) {
            form.reject(e).set("password", null);
            return showNewPassword(form, token, first, model);
        }
        if (outcome != ResetOutcome.PASSWORD_CHANGED) {
            return resetProblem(model, outcome.name(), first);
        }
        redirect.addFlashAttribute("successBanner", messages.text(first ? "people.setPassword.done"
                : "account.reset.done"));
        return "redirect:/sign-in";
    }

    private String showNewPassword(PageForm form, String token, boolean first, Model model) {
        String keys = first ? "people.setPassword" : "account.reset";
        model.addAttribute("form", form);
        model.addAttribute("token", token);
        model.addAttribute("title", messages.text(keys + ".title"));
        model.addAttribute("intro", messages.text(keys + ".intro"));
        model.addAttribute("label", messages.text(keys + ".password"));
        model.addAttribute("submit", messages.text(keys + ".submit"));
        model.addAttribute("action", first ? SET_PASSWORD : "/account/reset-password");
        return "accounts/reset-password";
    }

    private String resetProblem(Model model, String status, boolean first) {
        return outcome(model, (first ? "people.setPassword." : "account.reset.") + status,
                "/account/forgot-password", "account.reset.newLink");
    }

    // ---- the signed-in person's account

    @GetMapping("/account")
    String account(CurrentUser user, Model model) {
        UserAccounts.Account account = settings.account(user.username());
        model.addAttribute("account", account);
        model.addAttribute("pendingEmail", pending.of(account.id()).orElse(null));
        return "accounts/account";
    }

    @GetMapping("/account/email")
    String changeEmail(CurrentUser user, HttpServletRequest request, Model model) {
        settings.account(user.username());
        PageForm form = ResumedForm.take(request).map(PageForm::of).orElseGet(PageForm::empty);
        return showChangeEmail(user, form, model);
    }

    @PostMapping("/account/email")
    String emailChanged(CurrentUser user, @RequestParam MultiValueMap<String, String> params, Model model,
            RedirectAttributes redirect) {
        PageForm form = PageForm.of(params, List.of("email", "currentPassword"));
        String address;
        try {
            address = settings.requestEmailChange(user.username(), form.value("currentPassword"), form.value("email"));
        } catch (InvalidInputException e) {
            form.reject(e).set("currentPassword", null);
            return showChangeEmail(user, form, model);
        }
        redirect.addFlashAttribute("successBanner", messages.text("account.email.done", address));
        return "redirect:/account";
    }

    private String showChangeEmail(CurrentUser user, PageForm form, Model model) {
        model.addAttribute("form", form);
        model.addAttribute("account", settings.account(user.username()));
        model.addAttribute("backLink", "/account");
        return "accounts/change-email";
    }

    @GetMapping("/account/password")
    String changePassword(CurrentUser user, Model model) {
        settings.account(user.username());
        return showChangePassword(PageForm.empty(), model);
    }

    @PostMapping("/account/password")
    String passwordChanged(CurrentUser user, @RequestParam MultiValueMap<String, String> params,
            HttpServletRequest request, Model model, RedirectAttributes redirect) {
        PageForm form = PageForm.of(params, List.of("currentPassword", "newPassword"));
        HttpSession session = request.getSession();
        try {
            settings.changePassword(user.username(), form.value("currentPassword"), form.value("newPassword"),
                    session.getId());
        } catch (InvalidInputException e) {
            form.reject(e).set("currentPassword", null).set("newPassword", null);
            return showChangePassword(form, model);
        }
        redirect.addFlashAttribute("successBanner", messages.text("account.password.done"));
        return "redirect:/account";
    }

    private String showChangePassword(PageForm form, Model model) {
        model.addAttribute("form", form);
        model.addAttribute("backLink", "/account");
        return "accounts/change-password";
    }

    // ---- shared

    /**
     * "Check your email". The address comes from the page that sent the person here (a flash attribute); after a
     * reload it is gone and the page says the same without it.
     */
    private String checkEmailPage(Model model, String title, String sent, String generic, String next) {
        Object address = model.getAttribute("address");
        model.addAttribute("title", messages.text(title));
        model.addAttribute("sent", address == null ? messages.text(generic) : messages.text(sent, address));
        model.addAttribute("next", messages.text(next));
        boolean resetting = title.startsWith("account.forgot");
        model.addAttribute("resetting", resetting);
        model.addAttribute("againHref", resetting ? "/account/forgot-password" : "/account/confirm/again");
        model.addAttribute("againLabel", messages.text(resetting ? "account.checkEmail.resetAgain"
                : "account.checkEmail.again"));
        return "accounts/check-email";
    }

    private String outcome(Model model, String key, String action, String actionLabel) {
        model.addAttribute("title", messages.text(key + ".title"));
        model.addAttribute("body", messages.text(key + ".body"));
        model.addAttribute("action", action);
        model.addAttribute("actionLabel", messages.text(actionLabel));
        return "accounts/outcome";
    }
}
