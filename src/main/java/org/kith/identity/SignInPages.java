package org.kith.identity;

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

    SignInPages(Messages messages) {
        this.messages = messages;
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

    @GetMapping("/staff")
    String staff(CurrentUser user, Model model) {
        if (!user.isStaff()) {
            return "redirect:" + APPLICANT_START;
        }
        model.addAttribute("username", user.username());
        return "identity/staff";
    }

    private String message(String key, Object... args) {
        return messages.text(key, args);
    }
}
