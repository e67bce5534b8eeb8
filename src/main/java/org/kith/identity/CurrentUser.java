package org.kith.identity;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Who is asking, resolved once per request from our tables.
 * The candidate groups are the names our BPMN files put on tasks.
 *
 * @param linkedFunds the funds a funder may see, or a fund manager manages (none: a manager manages all)
 */
public record CurrentUser(String username, Set<Role> roles, Long organisationId, Set<Long> linkedFunds) {

    public CurrentUser {
        linkedFunds = linkedFunds == null ? Set.of() : Set.copyOf(linkedFunds);
    }

    public CurrentUser(String username, Set<Role> roles, Long organisationId) {
        this(username, roles, organisationId, Set.of());
    }

    public static final String ASSESSORS = "assessors";
    public static final String FUND_MANAGERS = "fundManagers";

    public static String organisationGroup(long organisationId) {
        return "organisation-" + organisationId;
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    public boolean isStaff() {
        return has(Role.ASSESSOR) || has(Role.FUND_MANAGER) || has(Role.FUNDER) || has(Role.ADMIN);
    }

    /** Whether this person may see a fund's staff pages and figures: an admin all, a funder only linked ones. */
    public boolean seesFund(long fundId) {
        return has(Role.ADMIN) || managesFund(fundId) || (has(Role.FUNDER) && linkedFunds.contains(fundId));
    }

    /** Whether this person decides, pays and reviews in this fund: a fund manager linked to it, or to none. */
    public boolean managesFund(long fundId) {
        return has(Role.FUND_MANAGER) && (linkedFunds.isEmpty() || linkedFunds.contains(fundId));
    }

    public List<String> candidateGroups() {
        List<String> groups = new ArrayList<>();
        if (has(Role.ASSESSOR)) {
            groups.add(ASSESSORS);
        }
        if (has(Role.FUND_MANAGER)) {
            groups.add(FUND_MANAGERS);
        }
        if (has(Role.APPLICANT) && organisationId != null) {
            groups.add(organisationGroup(organisationId));
        }
        return groups;
    }
}
