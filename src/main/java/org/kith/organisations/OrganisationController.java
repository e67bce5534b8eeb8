package org.kith.organisations;

import org.kith.identity.CurrentUser;
import org.kith.web.NotFoundException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
class OrganisationController {

    private final Organisations organisations;

    OrganisationController(Organisations organisations) {
        this.organisations = organisations;
    }

    /** The caller's own organisation profile. */
    @GetMapping("/api/organisations/me")
    Organisation mine(CurrentUser user) {
        if (user.organisationId() == null) {
            throw new NotFoundException("You are not a member of an organisation.");
        }
        return organisations.get(user.organisationId());
    }
}
