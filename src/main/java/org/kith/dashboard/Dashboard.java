package org.kith.dashboard;

import java.math.BigDecimal;
import java.util.List;

/**
 * The figures of the funder dashboards for the funds a person may see, narrowed by a filter: the same record
 * feeds the pages, their CSV and {@code GET /api/dashboard}. Money is in the funds' currency (GBP throughout).
 * Values of a breakdown are codes ({@code ""} means unknown, shown as such); pages turn them into words.
 */
public record Dashboard(DashboardFilter filter, Portfolio portfolio, List<FundLine> funds, List<Count> byStatus,
        WhereItWent whereItWent, Achievements achievements, List<RouteBurden> burden) {

    /**
     * Item 1. Budget and remaining are the funds' whole budgets less all they have committed, whatever the filter;
     * the other figures follow the filter. The success rate is offered over decided (null before any decision).
     */
    public record Portfolio(BigDecimal budget, BigDecimal committed, BigDecimal paid, BigDecimal remaining,
            long applications, long decided, long offered, Double successRate, BigDecimal amountRequested,
            long awards, BigDecimal awardsRequested, BigDecimal awarded, Spread daysToDecision, Integer targetDays) {
    }

    /** One fund's line in the portfolio. */
    public record FundLine(long fundId, String slug, String name, Portfolio portfolio) {
    }

    /** Applications, and awards (OFFERED, FUNDED, CLOSED) with their amount, for one value of a breakdown. */
    public record Count(String value, long applications, long awards, BigDecimal awarded) {
    }

    /** Item 2: where the money went. Decile 1 is the most deprived tenth (SIMD in Scotland, IMD in England). */
    public record WhereItWent(List<Count> byLocalAuthority, List<Count> byIncomeBand, List<Count> byLegalForm,
            List<Count> byReturning, List<Count> byDeprivationDecile) {
    }

    /**
     * Item 3, from accepted end-of-grant reports: how many, people reached, spent against awarded on those grants,
     * and reports past their due date and not yet accepted.
     */
    public record Achievements(long reportsAccepted, long peopleReached, BigDecimal amountSpent,
            BigDecimal awardedReported, long reportsOverdue) {
    }

    /**
     * Item 4, the burden report for one route (LIGHT_TOUCH, FULL, "" for not routed, or ALL): what applying cost
     * the groups, as medians and means, and per 1,000 of the currency awarded (totals over awarded applications
     * divided by thousands awarded).
     */
    public record RouteBurden(String route, long applications, Spread minutesToSubmit, Double questionsAsked,
            Double questionWords, Double answerWords, long awards, BigDecimal awarded, Double minutesPer1000,
            Double questionsPer1000, Double questionWordsPer1000, Spread daysToDecision, Spread daysToFirstPayment) {
    }

    /** Median and 90th percentile by nearest rank, over {@code count} applications; null when there are none. */
    public record Spread(long count, Integer median, Integer p90) {
    }
}
