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
        TimeLimits timeLimits,
        List<DeclineReason> declineReasons) {

    public Fund {
        declineReasons = declineReasons == null ? List.of() : List.copyOf(declineReasons);
    }

    public Fund(long id, String slug, String name, String description, String currency, BigDecimal budget,
            BigDecimal minimumAward, BigDecimal maximumAward, BigDecimal lightTouchThreshold, LocalDate opensOn,
            LocalDate closesOn, Eligibility eligibility, List<Question> questions, List<Criterion> criteria,
            Reporting reporting, Payments payments, TimeLimits timeLimits) {
        this(id, slug, name, description, currency, budget, minimumAward, maximumAward, lightTouchThreshold,
                opensOn, closesOn, eligibility, questions, criteria, reporting, payments, timeLimits, List.of());
    }

    /**
     * A reason a fund manager can pick when declining: {@code label} names it in the list, {@code text} is what
     * the group is told (the manager may add to it). The group always gets a reason.
     */
    public record DeclineReason(String key, String label, String text) {
    }

    /**
     * Who may apply, in rules and in plain English: which kinds of organisation ({@code LegalForm} names), who
     * the fund is for, what it will not fund, and the yes-or-no questions of the eligibility check that anyone
     * can take before making an account.
     */
    public record Eligibility(Set<String> allowedLegalForms, String whoFor, List<String> wontFund,
            List<Check> checks) {

        public Eligibility {
            wontFund = wontFund == null ? List.of() : List.copyOf(wontFund);
            checks = checks == null ? List.of() : List.copyOf(checks);
        }

        public Eligibility(Set<String> allowedLegalForms) {
            this(allowedLegalForms, null, List.of(), List.of());
        }
    }

    /**
     * One question of the eligibility check: the answer that keeps a group eligible, and if it gives the
     * other one, why it cannot apply and what else it might try.
     */
    public record Check(String key, String question, String hint, boolean eligibleAnswer, String whyNot,
            String whatElse) {
    }

    /** A question of the application form; {@code type} is {@code text} (the default) or {@code file}. */
    public record Question(String key, String label, String hint, boolean required, int maxLength, String type) {

        public static final String TEXT = "text";
        public static final String FILE = "file";

        public Question {
            type = type == null || type.isBlank() ? TEXT : type;
        }

        public Question(String key, String label, String hint, boolean required, int maxLength) {
            this(key, label, hint, required, maxLength, TEXT);
        }

        public boolean isFile() {
            return FILE.equals(type);
        }
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

    /** {@code decisionWeeks} is the published time from submission to decision (IVAR: act with urgency). */
    public record TimeLimits(int informationReminderDays, int informationLapseDays, int offerAcceptanceDays,
            int decisionWeeks) {

        public TimeLimits(int informationReminderDays, int informationLapseDays, int offerAcceptanceDays) {
            this(informationReminderDays, informationLapseDays, offerAcceptanceDays, 0);
        }
    }

    public boolean isOpenOn(LocalDate day) {
        return !day.isBefore(opensOn) && !day.isAfter(closesOn);
    }
}
