package org.kith.identity;

import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import org.kith.web.Messages;
import org.kith.web.PageForm;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The sign-in page, shared by applicants and staff. Spring Security handles the POST (see {@link SecurityConfig});
 * this shows the form and, after a failure, why, with the username kept. {@code /start} sends each person to
 * their own start page.
 */
@Controller
class SignInPages {

    static final String APPLICANT_START = "/applications";
    static final String STAFF_START = "/staff";

    private final Messages messages;
    private final UserAccounts accounts;
    private final FundNames fundNames;

    SignInPages(Messages messages, UserAccounts accounts, FundNames fundNames) {
        this.messages = messages;
        this.accounts = accounts;
        this.fundNames = fundNames;
    }

    @GetMapping("/sign-in")
    String signIn(HttpServletRequest request, Model model,
            @RequestParam(required = false) String expired, @RequestParam(required = false) String signedOut) {
        PageForm form = PageForm.empty();
        HttpSession session = request.getSession(false);
        if (session != null && session.getAttribute(SignInProblem.ATTRIBUTE) instanceof SignInProblem problem) {
            session.removeAttribute(SignInProblem.ATTRIBUTE);
            form.set("username", problem.username());
            model.addAttribute("problem", problem.kind().name());
            switch (problem.kind()) {
                case LOCKED -> form.reject("username", problem.minutes() == 1 ? message("signIn.locked1")
                        : message("signIn.locked", problem.minutes()));
                case UNCONFIRMED -> form.reject("username", message("signIn.unconfirmed"));
                case UNAVAILABLE -> form.reject("username", message("signIn.unavailable"));
                case WRONG -> form.reject("username", message("signIn.wrong"));
            }
        }
        model.addAttribute("form", form);
        model.addAttribute("expired", expired != null);
        model.addAttribute("signedOut", signedOut != null);
        return "identity/sign-in";
    }

    /** Where sign-in lands when nothing else was asked for: applicants on their applications, staff on their work. */
    @GetMapping("/start")
    String start(CurrentUser user) {
        return "redirect:" + (user.isStaff() ? STAFF_START : APPLICANT_START);
    }

    /** One area of staff work on the start page; its name and description are {@code staff.area.<key>[.about]}. */
    record WorkArea(String key, String href) {
    }

    /** The staff start page: the areas of work this person's roles open, their funds, and finding by reference. */
    @GetMapping("/staff")
    String staff(CurrentUser user, Model model) {
        if (!user.isStaff()) {
            return "redirect:" + APPLICANT_START;
        }
        List<WorkArea> areas = new ArrayList<>();
        if (user.has(Role.ASSESSOR) || user.has(Role.FUND_MANAGER)) {
            areas.add(new WorkArea("tasks", "/staff/tasks"));
        }
        if (user.has(Role.FUND_MANAGER)) {
            areas.add(new WorkArea("decisions", "/staff/decisions"));
            areas.add(new WorkArea("payments", "/staff/payments"));
            areas.add(new WorkArea("reports", "/staff/reports"));
            areas.add(new WorkArea("variations", "/staff/variations"));
        }
        if (user.has(Role.FUNDER) || user.has(Role.FUND_MANAGER) || user.has(Role.ADMIN)) {
            areas.add(new WorkArea("dashboards", "/staff/dashboard"));
        }
        if (user.has(Role.FUND_MANAGER) || user.has(Role.ADMIN)) {
            areas.add(new WorkArea("funds", "/staff/funds"));
        }
        if (user.has(Role.ADMIN)) {
            areas.add(new WorkArea("people", "/staff/people"));
            areas.add(new WorkArea("health", "/staff/health"));
            areas.add(new WorkArea("deprivation", "/staff/deprivation"));
        }
        model.addAttribute("name", accounts.account(user.username()).map(UserAccounts.Account::displayName)
                .orElse(user.username()));
        model.addAttribute("areas", areas);
        model.addAttribute("funds", user.has(Role.FUNDER) || !user.linkedFunds().isEmpty()
                ? fundNames.namesOf(user.linkedFunds()) : List.of());
        model.addAttribute("form", PageForm.empty());
        return "identity/staff";
    }

    private String message(String key, Object... args) {
        return messages.text(key, args);
    }
}
