package org.kith.accounts;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.kith.funds.Fund;
import org.kith.identity.CurrentUser;
import org.kith.identity.Role;
import org.kith.identity.UserAccounts.StaffMember;
import org.kith.web.InvalidInputException;
import org.kith.web.Messages;
import org.kith.web.Option;
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
 * The administrator's pages about staff ({@code /staff/people}): the list, inviting a person, one person's roles and
 * funds, deactivating and reactivating. Everything goes through {@link StaffAccounts}, which refuses anyone but an
 * administrator (the 403 page).
 */
@Controller
class StaffPeoplePages {

    static final String PEOPLE = "/staff/people";

    private final StaffAccounts staff;
    private final Messages messages;

    StaffPeoplePages(StaffAccounts staff, Messages messages) {
        this.staff = staff;
        this.messages = messages;
    }

    /** One row of the list, in words. */
    record Person(long id, String name, String email, String roles, String funds, boolean active) {
    }

    @GetMapping(PEOPLE)
    String list(CurrentUser admin, Model model) {
        List<StaffMember> people = staff.list(admin);
        Map<Long, String> fundNames = fundNames();
        model.addAttribute("people", people.stream().map(p -> person(p, fundNames)).toList());
        return "staff/people/list";
    }

    // ---- inviting

    @GetMapping(PEOPLE + "/invite")
    String invite(CurrentUser admin, Model model) {
        staff.list(admin); // an administrator's page: anyone else gets the 403 page before any form
        return showInvite(PageForm.empty(), List.of(), List.of(), model);
    }

    @PostMapping(PEOPLE + "/invite")
    String invited(CurrentUser admin, @RequestParam MultiValueMap<String, String> params, Model model,
            RedirectAttributes redirect) {
        PageForm form = PageForm.of(params, List.of("email", "name"));
        List<String> roles = values(params, "roles");
        List<String> funds = values(params, "funds");
        StaffMember invited;
        try {
            invited = staff.invite(admin, form.value("email"), form.value("name"), roles, fundIds(funds));
        } catch (InvalidInputException e) {
            form.reject(e);
            return showInvite(form, roles, funds, model);
        }
        redirect.addFlashAttribute("successBanner", messages.text("people.invite.done", invited.email()));
        return "redirect:" + PEOPLE + "/" + invited.id();
    }

    private String showInvite(PageForm form, List<String> roles, List<String> funds, Model model) {
        model.addAttribute("form", form);
        addChoices(model, roles, funds);
        model.addAttribute("backLink", PEOPLE);
        return "staff/people/invite";
    }

    // ---- one person

    @GetMapping(PEOPLE + "/{id}")
    String person(CurrentUser admin, @PathVariable long id, Model model) {
        StaffMember member = staff.get(admin, id);
        return showPerson(admin, member, PageForm.empty(), roleValues(member), fundValues(member), model);
    }

    @PostMapping(PEOPLE + "/{id}")
    String changed(CurrentUser admin, @PathVariable long id, @RequestParam MultiValueMap<String, String> params,
            Model model, RedirectAttributes redirect) {
        StaffMember member = staff.get(admin, id);
        List<String> roles = values(params, "roles");
        List<String> funds = values(params, "funds");
        StaffMember changed;
        try {
            changed = staff.changeRoles(admin, id, roles, fundIds(funds));
        } catch (InvalidInputException e) {
            return showPerson(admin, member, PageForm.empty().reject(e), roles, funds, model);
        }
        redirect.addFlashAttribute("successBanner", messages.text("people.person.saved", changed.displayName()));
        if (changed.username().equals(admin.username()) && !changed.roles().contains(Role.ADMIN)) {
            return "redirect:/staff"; // they gave up their own administrator role: this page is no longer theirs
        }
        return "redirect:" + PEOPLE + "/" + id;
    }

    private String showPerson(CurrentUser admin, StaffMember member, PageForm form, List<String> roles,
            List<String> funds, Model model) {
        model.addAttribute("form", form);
        model.addAttribute("member", member);
        model.addAttribute("person", person(member, fundNames()));
        model.addAttribute("self", member.username().equals(admin.username()));
        model.addAttribute("history", staff.history(admin, member.id()));
        addChoices(model, roles, funds);
        model.addAttribute("backLink", PEOPLE);
        return "staff/people/person";
    }

    @PostMapping(PEOPLE + "/{id}/invitation")
    String sendInvitationAgain(CurrentUser admin, @PathVariable long id, RedirectAttributes redirect) {
        StaffMember member = staff.sendInvitationAgain(admin, id);
        redirect.addFlashAttribute("successBanner", messages.text("people.invite.done", member.email()));
        return "redirect:" + PEOPLE + "/" + id;
    }

    // ---- deactivating and reactivating

    @GetMapping(PEOPLE + "/{id}/deactivate")
    String confirmDeactivation(CurrentUser admin, @PathVariable long id, Model model) {
        StaffMember member = staff.get(admin, id);
        if (!member.enabled()) {
            return "redirect:" + PEOPLE + "/" + id;
        }
        model.addAttribute("member", member);
        model.addAttribute("self", member.username().equals(admin.username()));
        model.addAttribute("backLink", PEOPLE + "/" + id);
        return "staff/people/deactivate";
    }

    @PostMapping(PEOPLE + "/{id}/deactivate")
    String deactivate(CurrentUser admin, @PathVariable long id, RedirectAttributes redirect) {
        StaffAccounts.Deactivation done = staff.deactivate(admin, id);
        int tasks = done.tasksReturned().size();
        redirect.addFlashAttribute("successBanner", tasks == 0
                ? messages.text("people.deactivate.done", done.member().displayName())
                : messages.text("people.deactivate.doneWithTasks", done.member().displayName(), tasks));
        return "redirect:" + PEOPLE + "/" + id;
    }

    @PostMapping(PEOPLE + "/{id}/reactivate")
    String reactivate(CurrentUser admin, @PathVariable long id, RedirectAttributes redirect) {
        StaffMember member = staff.reactivate(admin, id);
        redirect.addFlashAttribute("successBanner", messages.text("people.reactivate.done", member.displayName()));
        return "redirect:" + PEOPLE + "/" + id;
    }

    // ---- shared

    private void addChoices(Model model, List<String> roles, List<String> funds) {
        model.addAttribute("roleOptions", StaffAccounts.GIVEN_ROLES.stream()
                .map(r -> new Option(r.name(), messages.text("people.role." + r.name()),
                        messages.text("people.role." + r.name() + ".hint")))
                .toList());
        model.addAttribute("fundOptions", staff.funds().stream()
                .map(f -> new Option(Long.toString(f.id()), f.name())).toList());
        model.addAttribute("checkedRoles", roles);
        model.addAttribute("checkedFunds", funds);
    }

    private Person person(StaffMember member, Map<Long, String> fundNames) {
        String roles = member.roles().stream().filter(StaffAccounts.GIVEN_ROLES::contains)
                .map(r -> messages.text("people.role." + r.name())).collect(Collectors.joining(", "));
        boolean linkable = member.roles().contains(Role.FUNDER) || member.roles().contains(Role.FUND_MANAGER);
        String funds = !linkable ? messages.text("people.funds.notApplicable")
                : member.funds().isEmpty() ? messages.text("people.funds.all")
                : member.funds().stream().map(id -> fundNames.getOrDefault(id, "#" + id))
                        .collect(Collectors.joining(", "));
        return new Person(member.id(), member.displayName(), member.email(), roles, funds, member.enabled());
    }

    private Map<Long, String> fundNames() {
        return staff.funds().stream().collect(Collectors.toMap(Fund::id, Fund::name, (a, b) -> a));
    }

    private static List<String> roleValues(StaffMember member) {
        return member.roles().stream().map(Role::name).toList();
    }

    private static List<String> fundValues(StaffMember member) {
        return member.funds().stream().map(String::valueOf).toList();
    }

    private static List<String> values(MultiValueMap<String, String> params, String name) {
        List<String> values = params.get(name);
        return values == null ? List.of() : values.stream().filter(v -> v != null && !v.isBlank()).toList();
    }

    /** Fund ids as ticked; one that is not a number cannot be a fund, so it is kept as one no fund has. */
    private static List<Long> fundIds(Collection<String> values) {
        List<Long> ids = new ArrayList<>();
        for (String value : values) {
            try {
                ids.add(Long.parseLong(value.strip()));
            } catch (NumberFormatException e) {
                ids.add(-1L);
            }
        }
        return ids;
    }
}
