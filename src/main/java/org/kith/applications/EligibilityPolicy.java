package org.kith.applications;

import java.time.LocalDate;
import java.util.Optional;

import org.kith.funds.Fund;
import org.kith.organisations.Organisation;

/** One eligibility rule of a fund. Returns the reason an application fails it, in words for the applicant. */
interface EligibilityPolicy {

    record Candidate(Application application, Fund fund, Organisation organisation, LocalDate today) {
    }

    Optional<String> refusal(Candidate candidate);
}
