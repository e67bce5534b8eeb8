package org.kith.funds;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/** A fund and every rule that shapes its lifecycle; all of it is data, seeded or edited, never code. */
public record Fund(
        long id,
        String slug,
        String name,
        String description,
        String currency,
        BigDecimal budget,
        BigDecimal minimumAward,
        BigDecimal maximumAward,
        BigDecimal lightTouchThreshold,
        LocalDate opensOn,
        LocalDate closesOn,
        Eligibility eligibility,
        List<Question> questions,
        List<Criterion> criteria,
        Reporting reporting,
        Payments payments,
        TimeLimits timeLimits) {

    /** Which kinds of organisation may apply. Values are {@code LegalForm} names. */
    public record Eligibility(Set<String> allowedLegalForms) {
    }

    public record Question(String key, String label, String hint, boolean required, int maxLength) {
    }

    public record Criterion(String key, String label, int weight, int maxScore, String guidance) {
    }

    /** Harmonised reporting: when the end-of-grant report is due and when to remind. */
    public record Reporting(int dueAfterDays, int reminderDaysBefore, int overdueReminderDaysAfter,
            List<String> asks) {
    }

    /** Full-route grants are paid in tranches; light-touch grants in one payment on acceptance. */
    public record Payments(List<Tranche> fullRouteTranches) {
    }

    public record Tranche(int percent, int dueAfterDays) {
    }

    public record TimeLimits(int informationReminderDays, int informationLapseDays, int offerAcceptanceDays) {
    }

    public boolean isOpenOn(LocalDate day) {
        return !day.isBefore(opensOn) && !day.isAfter(closesOn);
    }
}
