package org.kith.dashboard;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.kith.dashboard.Dashboard.FundLine;
import org.kith.dashboard.Dashboard.Portfolio;
import org.kith.funds.Fund;
import org.kith.funds.Funds;
import org.springframework.stereotype.Service;

/**
 * A fund's published statistics (issue 8, item 6; IVAR: be open), for anyone: applications received, decided and
 * offered a grant, the success rate, the typical (median) days from submission to decision against the fund's
 * published target, and the total awarded. From the dashboards' read model ({@link DashboardFigures#asLastFolded}),
 * so the public page, the home page and the dashboards agree; counts and money only, nothing about any group.
 * Anyone may ask, as often as they like, so these figures never fold the read model themselves: they are as the
 * last scheduled fold left them, up to one fold interval ({@code kith.dashboard.fold-interval}, 10 s) old.
 */
@Service
public class PublishedStatistics {

    /**
     * One fund's published figures. {@code successRate} is offered over decided, null before any decision;
     * {@code typicalDays} the median days from submission to decision, null before any; {@code targetDays} the
     * fund's published target, null when it has none. {@code awarded} counts grants that stand (offered, funded,
     * closed).
     */
    public record Figures(long fundId, String slug, String name, String currency, long applications,
            long decided, long offered, Double successRate, Integer typicalDays, Integer targetDays, long awards,
            BigDecimal awarded) {

        /** The target in whole weeks, as the fund publishes it; null when it has none. */
        public Integer targetWeeks() {
            return targetDays == null ? null : targetDays / 7;
        }

        /** Whether the typical decision came within the target; null when either is not known. */
        public Boolean withinTarget() {
            return typicalDays == null || targetDays == null ? null : typicalDays <= targetDays;
        }
    }

    private final DashboardFigures figures;
    private final Funds funds;
    private final Clock clock;

    PublishedStatistics(DashboardFigures figures, Funds funds, Clock clock) {
        this.figures = figures;
        this.funds = funds;
        this.clock = clock;
    }

    /** The statistics of the fund with this slug, if it has been announced (it opened on or before today). */
    public Optional<Figures> ofFund(String slug) {
        return funds.findBySlug(slug).filter(this::announced)
                .map(fund -> of(figures.asLastFolded(List.of(fund), DashboardFilter.ofFund(fund.id())), fund)
                        .get(fund.id()));
    }

    /** Every announced fund's statistics by fund id, read at once (the home page). */
    public Map<Long, Figures> ofAllFunds() {
        List<Fund> announced = funds.all().stream().filter(this::announced).toList();
        return of(figures.asLastFolded(announced, DashboardFilter.NONE), announced.toArray(Fund[]::new));
    }

    private boolean announced(Fund fund) {
        return !fund.opensOn().isAfter(LocalDate.now(clock));
    }

    private static Map<Long, Figures> of(Dashboard dashboard, Fund... funds) {
        Map<Long, String> currencies = new LinkedHashMap<>();
        for (Fund fund : funds) {
            currencies.put(fund.id(), fund.currency());
        }
        Map<Long, Figures> byFund = new LinkedHashMap<>();
        for (FundLine line : dashboard.funds()) {
            Portfolio p = line.portfolio();
            Integer target = p.targetDays() == null || p.targetDays() <= 0 ? null : p.targetDays();
            byFund.put(line.fundId(), new Figures(line.fundId(), line.slug(), line.name(),
                    currencies.get(line.fundId()), p.applications(), p.decided(), p.offered(), p.successRate(),
                    p.daysToDecision().median(), target, p.awards(), p.awarded()));
        }
        return byFund;
    }
}
