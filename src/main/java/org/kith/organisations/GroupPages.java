package org.kith.organisations;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.kith.identity.CurrentUser;
import org.kith.identity.Role;
import org.kith.identity.SignedIn;
import org.kith.identity.UserAccounts;
import org.kith.web.ApplyingFor;
import org.kith.web.ForbiddenException;
import org.kith.web.InvalidInputException;
import org.kith.web.Messages;
import org.kith.web.Option;
import org.kith.web.PageForm;
import org.kith.web.ResumedForm;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The group's pages: its profile, told once ({@code /group/new}) and changed by any member, its members and
 * pending invitations, inviting someone, and the page an invitation's link opens. Only the signed-in person's own
 * group is ever shown: no page takes an organisation id.
 */
@Controller
class GroupPages {

    static final String APPLICANT_START = "/applications";

    /** The profile's fields in page order, which is the order {@link GroupProfiles} reports errors in. */
    static final List<String> FIELDS = List.of("name", "legalForm", "charityNumber", "companyNumber", "addressLine1",
            "addressLine2", "town", "postcode", "localAuthority", "annualIncome", "contactName", "contactEmail",
            "contactPhone");

    private final GroupProfiles profiles;
    private final GroupInvitations invitations;
    private final UserAccounts accounts;
    private final Messages messages;
    private final RequestCache requestCache = new HttpSessionRequestCache();

    GroupPages(GroupProfiles profiles, GroupInvitations invitations, UserAccounts accounts, Messages messages) {
        this.profiles = profiles;
        this.invitations = invitations;
        this.accounts = accounts;
        this.messages = messages;
    }

    // ---- the profile

    @GetMapping("/group")
    String group(CurrentUser user, Model model) {
        Optional<GroupProfile> profile = profiles.mine(user);
        if (profile.isEmpty()) {
            return "redirect:/group/new";
        }
        model.addAttribute("profile", profile.get());
        model.addAttribute("legalForm", messages.text("legalForm." + profile.get().legalForm().name()));
        model.addAttribute("members", invitations.members(user));
        model.addAttribute("pending", invitations.pending(user));
        return "organisations/group";
    }

    @GetMapping("/group/new")
    String newGroup(CurrentUser user, @RequestParam(required = false) String fund,
            @RequestParam(required = false) String amount, HttpServletRequest request, Model model) {
        if (user.organisationId() != null) {
            return "redirect:/group";
        }
        if (!user.has(Role.APPLICANT)) {
            throw new ForbiddenException("Only applicants tell Kith about a group.");
        }
        ApplyingFor.remember(request.getSession(), fund, amount);
        PageForm form = ResumedForm.take(request).map(PageForm::of).orElseGet(() -> {
            UserAccounts.Account account = accounts.account(user.username()).orElseThrow();
            return PageForm.of(Map.of()).set("contactName", account.displayName()).set("contactEmail", account.email());
        });
        return showForm(form, true, model);
    }

    @PostMapping("/group/new")
    String created(CurrentUser user, @RequestParam MultiValueMap<String, String> params, HttpServletRequest request,
            Model model) {
        if (user.organisationId() != null) {
            return "redirect:/group";
        }
        PageForm form = PageForm.of(params, FIELDS);
        try {
            profiles.create(user, groupForm(form));
        } catch (InvalidInputException e) {
            form.reject(e);
            return showForm(form, true, model);
        }
        HttpSession session = request.getSession();
        String next = ApplyingFor.startUrl(session).orElse(APPLICANT_START);
        ApplyingFor.forget(session);
        return "redirect:" + next;
    }

    @GetMapping("/group/edit")
    String edit(CurrentUser user, HttpServletRequest request, Model model) {
        GroupProfile profile = profiles.mine(user).orElse(null);
        if (profile == null) {
            return "redirect:/group/new";
        }
        PageForm form = ResumedForm.take(request).map(PageForm::of)
                .orElseGet(() -> PageForm.of(values(GroupForm.of(profile))));
        return showForm(form, false, model);
    }

    @PostMapping("/group/edit")
    String edited(CurrentUser user, @RequestParam MultiValueMap<String, String> params, Model model,
            RedirectAttributes redirect) {
        if (user.organisationId() == null) {
            return "redirect:/group/new";
        }
        PageForm form = PageForm.of(params, FIELDS);
        try {
            profiles.update(user, groupForm(form));
        } catch (InvalidInputException e) {
            form.reject(e);
            return showForm(form, false, model);
        }
        redirect.addFlashAttribute("successBanner", messages.text("group.edit.done"));
        return "redirect:/group";
    }

    private String showForm(PageForm form, boolean creating, Model model) {
        model.addAttribute("form", form);
        model.addAttribute("creating", creating);
        List<Option> legalForms = new ArrayList<>();
        for (LegalForm legalForm : LegalForm.values()) {
            legalForms.add(new Option(legalForm.name(), messages.text("legalForm." + legalForm.name()),
                    messages.text("group.legalFormHint." + legalForm.name())));
        }
        model.addAttribute("legalForms", legalForms);
        model.addAttribute("localAuthorities", LocalAuthorities.ALL.stream().map(a -> new Option(a, a)).toList());
        model.addAttribute("backLink", creating ? null : "/group");
        return "organisations/group-form";
    }

    private static GroupForm groupForm(PageForm form) {
        return new GroupForm(form.value("name"), form.value("legalForm"), form.value("charityNumber"),
                form.value("companyNumber"), form.value("addressLine1"), form.value("addressLine2"),
                form.value("town"), form.value("postcode"), form.value("localAuthority"), form.value("annualIncome"),
                form.value("contactName"), form.value("contactEmail"), form.value("contactPhone"));
    }

    private static Map<String, String> values(GroupForm form) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("name", form.name());
        values.put("legalForm", form.legalForm());
        values.put("charityNumber", form.charityNumber());
        values.put("companyNumber", form.companyNumber());
        values.put("addressLine1", form.addressLine1());
        values.put("addressLine2", form.addressLine2());
        values.put("town", form.town());
        values.put("postcode", form.postcode());
        values.put("localAuthority", form.localAuthority());
        values.put("annualIncome", form.annualIncome());
        values.put("contactName", form.contactName());
        values.put("contactEmail", form.contactEmail());
        values.put("contactPhone", form.contactPhone());
        return values;
    }

    // ---- invitations

    @GetMapping("/group/invite")
    String invite(CurrentUser user, HttpServletRequest request, Model model) {
        if (profiles.mine(user).isEmpty()) {
            return "redirect:/group/new";
        }
        PageForm form = ResumedForm.take(request).map(PageForm::of).orElseGet(PageForm::empty);
        return showInvite(user, form, model);
    }

    @PostMapping("/group/invite")
    String invited(CurrentUser user, @RequestParam MultiValueMap<String, String> params, Model model,
            RedirectAttributes redirect) {
        if (profiles.mine(user).isEmpty()) {
            return "redirect:/group/new";
        }
        PageForm form = PageForm.of(params, List.of("email"));
        String address;
        try {
            address = invitations.invite(user, form.value("email"));
        } catch (InvalidInputException e) {
            form.reject(e);
            return showInvite(user, form, model);
        }
        redirect.addFlashAttribute("address", address);
        return "redirect:/group/invite/sent";
    }

    private String showInvite(CurrentUser user, PageForm form, Model model) {
        model.addAttribute("form", form);
        model.addAttribute("groupName", profiles.mine(user).orElseThrow().name());
        model.addAttribute("backLink", "/group");
        return "organisations/invite";
    }

    @GetMapping("/group/invite/sent")
    String inviteSent(CurrentUser user, Model model) {
        if (model.getAttribute("address") == null) {
            return "redirect:/group";
        }
        return "organisations/invite-sent";
    }

    @PostMapping("/group/invitations/{id}/cancel")
    String cancel(CurrentUser user, @PathVariable long id, RedirectAttributes redirect) {
        invitations.cancel(user, id);
        redirect.addFlashAttribute("successBanner", messages.text("group.invitation.cancelled"));
        return "redirect:/group";
    }

    /** The page an invitation's link opens: anyone may see it; joining needs an account. */
    @GetMapping("/group/invitation")
    String invitation(@RequestParam(required = false) String token, HttpServletRequest request,
            HttpServletResponse response, Model model) {
        GroupInvitations.Invitation invitation = invitations.look(token);
        if (invitation.status() != InvitationStatus.VALID) {
            return invitationOutcome(model, switch (invitation.status()) {
                case ACCEPTED -> JoinOutcome.ALREADY_USED;
                case CANCELLED -> JoinOutcome.CANCELLED;
                case EXPIRED -> JoinOutcome.EXPIRED;
                default -> JoinOutcome.UNKNOWN;
            }, invitation.groupName());
        }
        boolean signedIn = SignedIn.username().isPresent();
        if (!signedIn) {
            // after signing in (or registering, confirming and signing in) the sign-in page brings them back here
            requestCache.saveRequest(request, response);
        }
        model.addAttribute("invitation", invitation);
        model.addAttribute("token", token.strip());
        model.addAttribute("signedIn", signedIn);
        return "organisations/invitation";
    }

    @PostMapping("/group/invitation")
    String accept(@RequestParam(required = false) String token, Model model, RedirectAttributes redirect) {
        Optional<CurrentUser> user = SignedIn.username().flatMap(accounts::current);
        if (user.isEmpty() || token == null || token.isBlank()) {
            return "redirect:/group/invitation?token=" + (token == null ? "" : urlSafe(token));
        }
        JoinOutcome outcome = invitations.accept(user.get(), token);
        GroupInvitations.Invitation invitation = invitations.look(token);
        if (outcome != JoinOutcome.JOINED) {
            return invitationOutcome(model, outcome, invitation.groupName());
        }
        redirect.addFlashAttribute("successBanner", messages.text("group.invitation.joined", invitation.groupName()));
        return "redirect:" + APPLICANT_START;
    }

    private String invitationOutcome(Model model, JoinOutcome outcome, String groupName) {
        String key = "group.invitation." + outcome.name();
        model.addAttribute("title", messages.text(key + ".title"));
        model.addAttribute("body", messages.text(key + ".body", groupName == null ? "" : groupName));
        boolean toGroup = outcome == JoinOutcome.ALREADY_MEMBER || outcome == JoinOutcome.IN_ANOTHER_GROUP;
        model.addAttribute("action", toGroup ? "/group" : "/");
        model.addAttribute("actionLabel", messages.text(toGroup ? "group.invitation.toGroup" : "group.invitation.toHome"));
        return "organisations/invitation-outcome";
    }

    /** A token is URL-safe Base64: anything else is dropped rather than put into a redirect. */
    private static String urlSafe(String token) {
        return token.replaceAll("[^A-Za-z0-9_-]", "");
    }
}
