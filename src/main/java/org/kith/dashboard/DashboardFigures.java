package org.kith.dashboard;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.kith.dashboard.Dashboard.Achievements;
import org.kith.dashboard.Dashboard.Count;
import org.kith.dashboard.Dashboard.FundLine;
import org.kith.dashboard.Dashboard.Portfolio;
import org.kith.dashboard.Dashboard.RouteBurden;
import org.kith.dashboard.Dashboard.Spread;
import org.kith.dashboard.Dashboard.WhereItWent;
import org.kith.funds.Fund;
import org.kith.funds.Funds;
import org.kith.identity.CurrentUser;
import org.kith.identity.Role;
import org.kith.web.ForbiddenException;
import org.kith.web.NotFoundException;
import org.springframework.jdbc.core.simple.JdbcClient;

import org.springframework.stereotype.Service;

/**
 * Reads the dashboards' figures from the read model (V13), for the funds a person may see: a funder only the funds
 * linked to them, a fund manager the funds they manage (all when linked to none), an admin all. Unfiltered and
 * period-filtered figures come from the folded cells; a local-authority filter reads the fact rows of that area.
 */
@Service
public class DashboardFigures {

    static final String ALL_ROUTES = "ALL";

    private final JdbcClient jdbc;
    private final Funds funds;
    private final DashboardReadModel readModel;
    private final Clock clock;

    DashboardFigures(JdbcClient jdbc, Funds funds, DashboardReadModel readModel, Clock clock) {
        this.jdbc = jdbc;
        this.funds = funds;
        this.readModel = readModel;
        this.clock = clock;
    }

    /** Whether this person has dashboards at all: funders, fund managers and admins. */
    public static boolean mayView(CurrentUser user) {
        return user != null && (user.has(Role.FUNDER) || user.has(Role.FUND_MANAGER) || user.has(Role.ADMIN));
    }

    /** The funds this person's dashboards cover, in name order. */
    public List<Fund> fundsFor(CurrentUser user) {
        if (!mayView(user)) {
            return List.of();
        }
        return funds.all().stream().filter(f -> user.seesFund(f.id()))
                .sorted(Comparator.comparing(Fund::name)).toList();
    }

    /**
     * The funds a filter covers for this person: the filter's fund if they may see it (a fund they may not see
     * does not exist for them: 404), else all theirs. Refuses (403) someone with no dashboards.
     */
    public List<Fund> scope(CurrentUser user, DashboardFilter filter) {
        if (!mayView(user)) {
            throw new ForbiddenException("Dashboards are for funders, fund managers and admins.");
        }
        List<Fund> mine = fundsFor(user);
        if (filter.fundId() == null) {
            return mine;
        }
        return mine.stream().filter(f -> f.id() == filter.fundId()).findFirst().map(List::of)
                .orElseThrow(() -> new NotFoundException("There is no fund " + filter.fundId() + " that you can see."));
    }

    /** The figures this person may see, folded first so a change just made shows. */
    public Dashboard read(CurrentUser user, DashboardFilter filter) {
        return figures(scope(user, filter), filter);
    }

    /** The figures for these funds, folded first, with no check of who asks: for benchmarks and tests. */
    Dashboard figures(List<Fund> scope, DashboardFilter filter) {
        readModel.fold();
        return asLastFolded(scope, filter);
    }

    /**
     * The figures for these funds as the last fold left them (at most one fold interval old), with no check of
     * who asks: for published statistics, which anyone may read as often as they like and so must never fold.
     */
    Dashboard asLastFolded(List<Fund> scope, DashboardFilter filter) {
        List<Long> ids = scope.stream().map(Fund::id).toList();
        Cells cells = ids.isEmpty() ? new Cells() : cells(ids, filter);
        Durations durations = ids.isEmpty() ? new Durations() : durations(ids, filter);
        Map<Long, BigDecimal> committedEver = ids.isEmpty() ? Map.of() : committedEver(ids);

        List<FundLine> lines = new ArrayList<>();
        BigDecimal budget = BigDecimal.ZERO;
        BigDecimal allCommitted = BigDecimal.ZERO;
        for (Fund fund : scope) {
            BigDecimal committed = committedEver.getOrDefault(fund.id(), BigDecimal.ZERO);
            budget = budget.add(fund.budget());
            allCommitted = allCommitted.add(committed);
            lines.add(new FundLine(fund.id(), fund.slug(), fund.name(),
                    portfolio(cells.sum(fund.id(), "all", ""), fund.budget(), committed,
                            durations.spread(fund.id(), null, "decision_days"),
                            fund.timeLimits().decisionWeeks() * 7)));
        }
        Integer target = scope.size() == 1 ? scope.get(0).timeLimits().decisionWeeks() * 7 : null;
        Portfolio total = portfolio(cells.sum(null, "all", ""), budget, allCommitted,
                durations.spread(null, null, "decision_days"), target);

        WhereItWent where = new WhereItWent(cells.counts("local_authority"), cells.counts("income_band"),
                cells.counts("legal_form"), cells.counts("returning"), decilesInOrder(cells.counts("decile")));
        Sums all = cells.sum(null, "all", "");
        Achievements achievements = new Achievements(all.whole(16), all.whole(17), all.money(18), all.money(19),
                ids.isEmpty() ? 0 : reportsOverdue(ids, filter));
        List<RouteBurden> burden = new ArrayList<>();
        for (String route : cells.routes()) {
            burden.add(burden(route, cells.sumOfRoute(route), durations, route));
        }
        burden.add(burden(ALL_ROUTES, all, durations, null));
        return new Dashboard(filter, total, lines, cells.counts("status"), where, achievements, burden);
    }

    private static Portfolio portfolio(Sums s, BigDecimal budget, BigDecimal committedEver, Spread toDecision,
            Integer targetDays) {
        long decided = s.whole(1);
        Double rate = decided == 0 ? null : (double) s.whole(2) / decided;
        return new Portfolio(budget, s.money(6), s.money(7), budget.subtract(committedEver), s.whole(0), decided,
                s.whole(2), rate, s.money(4), s.whole(3), s.money(5), s.money(6), toDecision, targetDays);
    }

    private static RouteBurden burden(String label, Sums s, Durations durations, String route) {
        long recorded = s.whole(8);
        BigDecimal awarded = s.money(6);
        double thousands = awarded.doubleValue() / 1000;
        return new RouteBurden(label, s.whole(0), durations.spread(null, route, "submit_minutes"),
                mean(s.whole(9), recorded), mean(s.whole(10), recorded), mean(s.whole(11), recorded),
                s.whole(3), awarded, per(s.whole(13), thousands), per(s.whole(14), thousands),
                per(s.whole(15), thousands), durations.spread(null, route, "decision_days"),
                durations.spread(null, route, "payment_days"));
    }

    private static Double mean(long total, long count) {
        return count == 0 ? null : round((double) total / count);
    }

    private static Double per(long total, double thousands) {
        return thousands <= 0 ? null : round(total / thousands);
    }

    private static Double round(double value) {
        return BigDecimal.valueOf(value).setScale(1, RoundingMode.HALF_UP).doubleValue();
    }

    /** Deciles 1 to 10 in order, then unknown, each present even with nothing in it. */
    private static List<Count> decilesInOrder(List<Count> counts) {
        Map<String, Count> byValue = new HashMap<>();
        counts.forEach(c -> byValue.put(c.value(), c));
        List<Count> ordered = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            String key = String.valueOf(i);
            ordered.add(byValue.getOrDefault(key, new Count(key, 0, 0, BigDecimal.ZERO)));
        }
        ordered.add(byValue.getOrDefault("", new Count("", 0, 0, BigDecimal.ZERO)));
        return ordered;
    }

    private Map<Long, BigDecimal> committedEver(List<Long> fundIds) {
        Map<Long, BigDecimal> committed = new HashMap<>();
        jdbc.sql("""
                SELECT fund_id, SUM(committed) FROM dashboard_cell
                WHERE fund_id IN (:funds) AND period_month = 0 AND dimension = 'all' GROUP BY fund_id""")
                .param("funds", fundIds)
                .query((rs, row) -> committed.put(rs.getLong(1), rs.getBigDecimal(2))).list();
        return committed;
    }

    private long reportsOverdue(List<Long> fundIds, DashboardFilter filter) {
        StringBuilder sql = new StringBuilder("""
                SELECT COUNT(*) FROM dashboard_application
                WHERE report_status IN ('DUE', 'CHANGES_REQUESTED') AND report_due_on < :today AND fund_id IN (:funds)""");
        Map<String, Object> params = new HashMap<>(Map.of("today", LocalDate.now(clock), "funds", fundIds));
        appendFilter(sql, params, filter);
        return jdbc.sql(sql.toString()).params(params).query(Long.class).single();
    }

    /** Appends the filter's period, area and route as conditions on dashboard_application. */
    static void appendFilter(StringBuilder sql, Map<String, Object> params, DashboardFilter filter) {
        if (filter.hasPeriod()) {
            sql.append(" AND period_month BETWEEN :fromMonth AND :toMonth");
            params.put("fromMonth", filter.fromMonth());
            params.put("toMonth", filter.toMonth());
        }
        if (filter.localAuthority() != null) {
            sql.append(" AND local_authority = :authority");
            params.put("authority", filter.localAuthority());
        }
        if (filter.route() != null) {
            sql.append(" AND route = :route");
            params.put("route", filter.route().name());
        }
    }

    /** The filter as conditions on the folded tables: all months (period 0), or the months of the period. */
    private static String foldedWhere(DashboardFilter filter, Map<String, Object> params) {
        StringBuilder where = new StringBuilder("fund_id IN (:funds)");
        if (filter.hasPeriod()) {
            where.append(" AND period_month > 0 AND period_month BETWEEN :fromMonth AND :toMonth");
            params.put("fromMonth", filter.fromMonth());
            params.put("toMonth", filter.toMonth());
        } else {
            where.append(" AND period_month = 0");
        }
        if (filter.route() != null) {
            where.append(" AND route = :route");
            params.put("route", filter.route().name());
        }
        return where.toString();
    }

    private Cells cells(List<Long> fundIds, DashboardFilter filter) {
        Cells cells = new Cells();
        Map<String, Object> params = new HashMap<>(Map.of("funds", fundIds));
        String sql;
        if (filter.localAuthority() == null) {
            String where = foldedWhere(filter, params);
            sql = "SELECT fund_id, route, dimension, dim_value, "
                    + DashboardReadModel.sums(DashboardReadModel.CELL_MEASURE_COLUMNS) + " FROM dashboard_cell WHERE "
                    + where + " GROUP BY fund_id, route, dimension, dim_value";
        } else {
            StringBuilder where = new StringBuilder("fund_id IN (:funds)");
            appendFilter(where, params, filter);
            sql = DashboardReadModel.cellsFromFacts("fund_id,", where.toString(), "fund_id,");
        }
        jdbc.sql(sql).params(params).query((ResultSet rs) -> {
            cells.add(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), Sums.of(rs, 5));
        });
        return cells;
    }

    private Durations durations(List<Long> fundIds, DashboardFilter filter) {
        Durations durations = new Durations();
        Map<String, Object> params = new HashMap<>(Map.of("funds", fundIds));
        String sql;
        if (filter.localAuthority() == null) {
            String where = foldedWhere(filter, params);
            sql = "SELECT fund_id, route, measure, amount, SUM(applications) FROM dashboard_duration WHERE " + where
                    + " GROUP BY fund_id, route, measure, amount";
        } else {
            StringBuilder where = new StringBuilder("fund_id IN (:funds)");
            appendFilter(where, params, filter);
            sql = DashboardReadModel.durationsFromFacts("fund_id,", where.toString(), "fund_id,");
        }
        jdbc.sql(sql).params(params).query((ResultSet rs) -> {
            durations.add(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getLong(5));
        });
        return durations;
    }

    /** The 20 measures of a cell (see DashboardReadModel.CELL_MEASURE_COLUMNS), summed. */
    static final class Sums {
        private final BigDecimal[] values = new BigDecimal[20];

        Sums() {
            java.util.Arrays.fill(values, BigDecimal.ZERO);
        }

        static Sums of(ResultSet rs, int firstColumn) throws SQLException {
            Sums s = new Sums();
            for (int i = 0; i < s.values.length; i++) {
                BigDecimal v = rs.getBigDecimal(firstColumn + i);
                s.values[i] = v == null ? BigDecimal.ZERO : v;
            }
            return s;
        }

        void add(Sums other) {
            for (int i = 0; i < values.length; i++) {
                values[i] = values[i].add(other.values[i]);
            }
        }

        long whole(int i) {
            return values[i].longValue();
        }

        BigDecimal money(int i) {
            return values[i].setScale(2, RoundingMode.HALF_UP);
        }
    }

    /** Cells read for a dashboard, summed over route or fund as each figure needs. */
    private static final class Cells {
        private record Key(long fundId, String route, String dimension, String value) {
        }

        private final Map<Key, Sums> rows = new LinkedHashMap<>();

        void add(long fundId, String route, String dimension, String value, Sums sums) {
            rows.computeIfAbsent(new Key(fundId, route, dimension, value), k -> new Sums()).add(sums);
        }

        /** One fund's (or every fund's, when null) sums for one value of a breakdown, over all routes read. */
        Sums sum(Long fundId, String dimension, String value) {
            Sums total = new Sums();
            rows.forEach((k, s) -> {
                if ((fundId == null || k.fundId() == fundId) && k.dimension().equals(dimension)
                        && k.value().equals(value)) {
                    total.add(s);
                }
            });
            return total;
        }

        Sums sumOfRoute(String route) {
            Sums total = new Sums();
            rows.forEach((k, s) -> {
                if (k.route().equals(route) && k.dimension().equals("all")) {
                    total.add(s);
                }
            });
            return total;
        }

        List<String> routes() {
            return rows.keySet().stream().filter(k -> k.dimension().equals("all")).map(Key::route).distinct()
                    .sorted().toList();
        }

        /** A breakdown over every fund read, biggest number of applications first, unknown last. */
        List<Count> counts(String dimension) {
            Map<String, Sums> byValue = new TreeMap<>();
            rows.forEach((k, s) -> {
                if (k.dimension().equals(dimension)) {
                    byValue.computeIfAbsent(k.value(), v -> new Sums()).add(s);
                }
            });
            List<Count> counts = new ArrayList<>();
            byValue.forEach((value, s) -> counts.add(new Count(value, s.whole(0), s.whole(3), s.money(6))));
            counts.sort(Comparator.comparing((Count c) -> c.value().isEmpty())
                    .thenComparing(Comparator.comparingLong(Count::applications).reversed())
                    .thenComparing(Count::value));
            return counts;
        }
    }

    /** Applications per amount of each duration, for medians and 90th percentiles. */
    private static final class Durations {
        private record Key(long fundId, String route, String measure) {
        }

        private final Map<Key, TreeMap<Integer, Long>> histograms = new HashMap<>();

        void add(long fundId, String route, String measure, int amount, long applications) {
            histograms.computeIfAbsent(new Key(fundId, route, measure), k -> new TreeMap<>())
                    .merge(amount, applications, Long::sum);
        }

        /** Over one fund (null: all) and one route (null: all). */
        Spread spread(Long fundId, String route, String measure) {
            TreeMap<Integer, Long> merged = new TreeMap<>();
            histograms.forEach((k, h) -> {
                if ((fundId == null || k.fundId() == fundId) && (route == null || k.route().equals(route))
                        && k.measure().equals(measure)) {
                    h.forEach((amount, n) -> merged.merge(amount, n, Long::sum));
                }
            });
            long count = merged.values().stream().mapToLong(Long::longValue).sum();
            return new Spread(count, rank(merged, count, 0.5), rank(merged, count, 0.9));
        }

        private static Integer rank(TreeMap<Integer, Long> histogram, long count, double p) {
            if (count == 0) {
                return null;
            }
            long rank = (long) Math.ceil(p * count);
            long seen = 0;
            for (Map.Entry<Integer, Long> e : histogram.entrySet()) {
                seen += e.getValue();
                if (seen >= rank) {
                    return e.getKey();
                }
            }
            return histogram.lastKey();
        }
    }
}
