package org.kith.support;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Set;

import org.kith.funds.Fund;

/** Variations on a fund for TestData.fund(tweak). */
public final class FundTweaks {

    private FundTweaks() {
    }

    public static Fund withDates(Fund f, LocalDate opens, LocalDate closes) {
        return new Fund(f.id(), f.slug(), f.name(), f.description(), f.currency(), f.budget(), f.minimumAward(),
                f.maximumAward(), f.lightTouchThreshold(), opens, closes, f.eligibility(), f.questions(),
                f.criteria(), f.reporting(), f.payments(), f.timeLimits());
    }

    public static Fund withLegalForms(Fund f, Set<String> legalForms) {
        return new Fund(f.id(), f.slug(), f.name(), f.description(), f.currency(), f.budget(), f.minimumAward(),
                f.maximumAward(), f.lightTouchThreshold(), f.opensOn(), f.closesOn(),
                new Fund.Eligibility(legalForms), f.questions(), f.criteria(), f.reporting(), f.payments(),
                f.timeLimits());
    }

    public static Fund withBudget(Fund f, String budget) {
        return new Fund(f.id(), f.slug(), f.name(), f.description(), f.currency(), new BigDecimal(budget),
                f.minimumAward(), f.maximumAward(), f.lightTouchThreshold(), f.opensOn(), f.closesOn(),
                f.eligibility(), f.questions(), f.criteria(), f.reporting(), f.payments(), f.timeLimits());
    }
}
