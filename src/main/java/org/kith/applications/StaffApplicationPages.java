package org.kith.applications;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.kith.identity.CurrentUser;
import org.kith.web.ForbiddenException;
import org.kith.web.Messages;
import org.kith.web.PageForm;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/** The staff view of one application, and finding one by its reference. */
@Controller
class StaffApplicationPages {

    private final ApplicationDetailsService details;
    private final ApplicationAccess access;
    private final Applications applications;
    private final Messages messages;

    StaffApplicationPages(ApplicationDetailsService details, ApplicationAccess access, Applications applications,
            Messages messages) {
        this.details = details;
        this.access = access;
        this.applications = applications;
        this.messages = messages;
    }

    @GetMapping("/staff/applications/{id}")
    String show(CurrentUser user, @PathVariable long id, Model model) {
        staffOnly(user);
        model.addAttribute("details", details.read(user, id));
        return "staff/application-page";
    }

    /** A reference typed on the start page: the application if this person may read it, else the same page saying so. */
    @GetMapping("/staff/applications")
    String find(CurrentUser user, @RequestParam(required = false) String reference, Model model) {
        staffOnly(user);
        String wanted = reference == null ? "" : reference.strip().toUpperCase(Locale.ROOT);
        PageForm form = PageForm.of(Map.of("reference", wanted));
        if (wanted.isEmpty()) {
            form.reject("reference", messages.text("staff.find.empty"));
        } else {
            var found = applications.idOfReference(wanted)
                    .filter(id -> access.readableAmong(user, List.of(id)).containsKey(id));
            if (found.isPresent()) {
                return "redirect:/staff/applications/" + found.get();
            }
            form.reject("reference", messages.text("staff.find.none", wanted));
        }
        model.addAttribute("form", form);
        return "staff/find";
    }

    private static void staffOnly(CurrentUser user) {
        if (!user.isStaff()) {
            throw new ForbiddenException("This page is for the fund’s staff.");
        }
    }
}
