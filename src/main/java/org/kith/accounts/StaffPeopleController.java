package org.kith.accounts;

import java.util.List;

import org.kith.identity.CurrentUser;
import org.kith.identity.UserAccounts.StaffMember;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Staff accounts for scripts (administrators only: {@code /api/admin/**}), on the same service as the pages.
 * Roles are {@code ASSESSOR}, {@code FUND_MANAGER}, {@code FUNDER}, {@code ADMIN}; funds are fund ids.
 */
@RestController
@RequestMapping("/api/admin/staff")
class StaffPeopleController {

    record Invitation(String email, String name, List<String> roles, List<Long> funds) {
    }

    record Roles(List<String> roles, List<Long> funds) {
    }

    record Deactivated(StaffMember account, List<String> tasksReturnedToPool) {
    }

    private final StaffAccounts staff;

    StaffPeopleController(StaffAccounts staff) {
        this.staff = staff;
    }

    @GetMapping
    List<StaffMember> list(CurrentUser admin) {
        return staff.list(admin);
    }

    @GetMapping("/{id}")
    StaffMember one(CurrentUser admin, @PathVariable long id) {
        return staff.get(admin, id);
    }

    /** Makes the account and emails the person a link to choose their password. */
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    StaffMember invite(CurrentUser admin, @RequestBody Invitation body) {
        return staff.invite(admin, body.email(), body.name(), body.roles(), body.funds());
    }

    /** A new link to choose a password, by email; earlier ones stop working. */
    @PostMapping("/{id}/invitation")
    StaffMember sendInvitationAgain(CurrentUser admin, @PathVariable long id) {
        return staff.sendInvitationAgain(admin, id);
    }

    @PutMapping("/{id}/roles")
    StaffMember roles(CurrentUser admin, @PathVariable long id, @RequestBody Roles body) {
        return staff.changeRoles(admin, id, body.roles(), body.funds());
    }

    @PostMapping("/{id}/deactivate")
    Deactivated deactivate(CurrentUser admin, @PathVariable long id) {
        StaffAccounts.Deactivation done = staff.deactivate(admin, id);
        return new Deactivated(done.member(), done.tasksReturned());
    }

    @PostMapping("/{id}/reactivate")
    StaffMember reactivate(CurrentUser admin, @PathVariable long id) {
        return staff.reactivate(admin, id);
    }
}
