package org.kith.identity;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Who is asking, resolved once per request from our tables.
 * The candidate groups are the names our BPMN files put on tasks.
 */
public record CurrentUser(String username, Set<Role> roles, Long organisationId) {

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
