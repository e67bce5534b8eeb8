package org.kith.applications;

import org.kith.identity.CurrentUser;
import org.kith.web.ConflictException;
import org.kith.web.Messages;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * Withdrawing an application before a decision: a page that asks "are you sure?", then {@link ApplicationService}
 * withdraws it. After a decision there is nothing to withdraw: the page says so (409, with why).
 */
@Controller
class WithdrawalPages {

    private final ApplicationAccess access;
    private final ApplicationService service;
    private final Messages messages;

    WithdrawalPages(ApplicationAccess access, ApplicationService service, Messages messages) {
        this.access = access;
        this.service = service;
        this.messages = messages;
    }

    @GetMapping("/applications/{id}/withdraw")
    String confirm(CurrentUser user, @PathVariable long id, Model model) {
        Application application = access.ownedBy(user, id);
        if (application.status() == ApplicationStatus.WITHDRAWN) {
            return "redirect:/applications/" + id + "/withdrawn";
        }
        if (!ApplicationStatus.WITHDRAWABLE.contains(application.status())) {
            throw new ConflictException(messages.text("grant.withdraw.tooLate"));
        }
        model.addAttribute("app", application);
        model.addAttribute("backLink", "/applications/" + id);
        return "applications/withdraw";
    }

    @PostMapping("/applications/{id}/withdraw")
    String withdraw(CurrentUser user, @PathVariable long id) {
        Application application = access.ownedBy(user, id);
        if (application.status() != ApplicationStatus.WITHDRAWN
                && !ApplicationStatus.WITHDRAWABLE.contains(application.status())) {
            throw new ConflictException(messages.text("grant.withdraw.tooLate"));
        }
        try {
            service.withdraw(user, id);
        } catch (ConflictException decidedMeanwhile) {
            throw new ConflictException(messages.text("grant.withdraw.tooLate"));
        }
        return "redirect:/applications/" + id + "/withdrawn";
    }

    @GetMapping("/applications/{id}/withdrawn")
    String withdrawn(CurrentUser user, @PathVariable long id, Model model) {
        Application application = access.ownedBy(user, id);
        if (application.status() != ApplicationStatus.WITHDRAWN) {
            return "redirect:/applications/" + id;
        }
        model.addAttribute("app", application);
        return "applications/withdrawn";
    }
}
