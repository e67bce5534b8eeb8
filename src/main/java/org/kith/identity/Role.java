package org.kith.identity;

public enum Role {
    APPLICANT, ASSESSOR, FUND_MANAGER, FUNDER, ADMIN;

    public String authority() {
        return "ROLE_" + name();
    }
}
