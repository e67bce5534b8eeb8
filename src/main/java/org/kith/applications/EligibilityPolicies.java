package org.kith.applications;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.springframework.stereotype.Component;

/** The fund rules every submission is checked against, each a named policy with its reason. */
@Component
class EligibilityPolicies {

    private final List<EligibilityPolicy> policies;

    EligibilityPolicies(Applications applications) {
        this.policies = List.of(
                fundIsOpen(),
                amountWithinRange(),
                organisationTypeAllowed(),
                oneGrantAtATimeFromThisFund(applications));
    }

    List<String> refusals(EligibilityPolicy.Candidate candidate) {
        return policies.stream().flatMap(p -> p.refusal(candidate).stream()).toList();
    }

    static EligibilityPolicy fundIsOpen() {
        return c -> c.fund().isOpenOn(c.today())
                ? Optional.empty()
                : Optional.of("The fund is not open for applications: it takes them from %s to %s."
                        .formatted(c.fund().opensOn(), c.fund().closesOn()));
    }

    static EligibilityPolicy amountWithinRange() {
        return c -> {
            BigDecimal amount = c.application().amountRequested();
            if (amount.compareTo(c.fund().minimumAward()) < 0 || amount.compareTo(c.fund().maximumAward()) > 0) {
                return Optional.of("The amount asked for, %s, is outside this fund's range of %s to %s."
                        .formatted(money(amount), money(c.fund().minimumAward()), money(c.fund().maximumAward())));
            }
            return Optional.empty();
        };
    }

    static EligibilityPolicy organisationTypeAllowed() {
        return c -> c.fund().eligibility().allowedLegalForms().contains(c.organisation().legalForm().name())
                ? Optional.empty()
                : Optional.of("This fund does not fund organisations of this type ("
                        + c.organisation().legalForm().name().toLowerCase(Locale.UK).replace('_', ' ') + ").");
    }

    /** Applications still in progress do not count: only an award made and not yet closed. */
    static EligibilityPolicy oneGrantAtATimeFromThisFund(Applications applications) {
        return c -> applications.runningGrants(c.organisation().id(), c.fund().id(), c.application().id()) > 0
                ? Optional.of("Your group already holds a grant from this fund; a group may hold one at a time.")
                : Optional.empty();
    }

    private static String money(BigDecimal amount) {
        return NumberFormat.getCurrencyInstance(Locale.UK).format(amount);
    }
}
