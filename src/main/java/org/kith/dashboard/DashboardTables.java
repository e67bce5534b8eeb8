package org.kith.dashboard;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.kith.dashboard.Dashboard.Count;
import org.kith.dashboard.Dashboard.FundLine;
import org.kith.dashboard.Dashboard.Portfolio;
import org.kith.dashboard.Dashboard.RouteBurden;
import org.kith.dashboard.Dashboard.Spread;
import org.kith.web.Csv;
import org.kith.web.Formats;
import org.kith.web.Messages;
import org.springframework.stereotype.Component;

/**
 * The dashboards' figures as named tables, each with its chart: the page shows them and
 * {@code /staff/dashboard/<name>.csv} writes the same rows, so a table and its CSV never disagree. Words for codes
 * come from the message bundles; every count links to the applications behind it ({@link DashboardLinks}).
 */
@Component
public class DashboardTables {

    /** The tables a dashboard has, in page order; "funds" only when it covers the whole portfolio. */
    public static final List<String> NAMES = List.of("funds", "money", "status", "outcomes", "asked-awarded",
            "decision-time", "local-authority", "income-band", "legal-form", "returning", "deprivation",
            "achievements", "burden");

    /** A cell: what the page shows, what the CSV holds (plain numbers, no £ or commas), and a link or null. */
    public record Cell(String text, String raw, String href) {
    }

    /** One row: its heading cell (a th with scope row) and its figures. */
    public record Row(Cell head, List<Cell> cells) {
    }

    /**
     * A table and the charts drawn from it. {@code columns} are the column headings, the row headings' first.
     * {@code wide} tables sit under their charts rather than beside them.
     */
    public record DataTable(String name, String title, List<String> columns, List<Row> rows, List<Chart> charts,
            boolean wide) {

        public String csv() {
            StringBuilder csv = new StringBuilder();
            Csv.line(csv, columns);
            for (Row row : rows) {
                List<String> cells = new ArrayList<>();
                cells.add(row.head().raw());
                row.cells().forEach(c -> cells.add(c.raw()));
                Csv.line(csv, cells);
            }
            return csv.toString();
        }
    }

    private final Messages messages;
    private final Formats fmt;

    DashboardTables(Messages messages, Formats fmt) {
        this.messages = messages;
        this.fmt = fmt;
    }

    /** Every table of this dashboard by name, in page order. */
    public Map<String, DataTable> tables(Dashboard d, boolean portfolio) {
        DashboardParams params = DashboardParams.of(d.filter());
        Map<String, DataTable> tables = new LinkedHashMap<>();
        if (portfolio) {
            add(tables, funds(d, params));
        }
        Portfolio p = d.portfolio();
        add(tables, money(p, params));
        add(tables, status(d.byStatus(), params));
        add(tables, outcomes(p, params));
        add(tables, askedAwarded(p, params));
        add(tables, decisionTime(p));
        add(tables, breakdown("local-authority", "local_authority", d.whereItWent().byLocalAuthority(), params));
        add(tables, breakdown("income-band", "income_band", d.whereItWent().byIncomeBand(), params));
        add(tables, breakdown("legal-form", "legal_form", d.whereItWent().byLegalForm(), params));
        add(tables, breakdown("returning", "returning", d.whereItWent().byReturning(), params));
        add(tables, breakdown("deprivation", "decile", d.whereItWent().byDeprivationDecile(), params));
        add(tables, achievements(d.achievements(), params));
        add(tables, burden(d.burden(), params));
        return tables;
    }

    private static void add(Map<String, DataTable> tables, DataTable table) {
        tables.put(table.name(), table);
    }

    private DataTable funds(Dashboard d, DashboardParams params) {
        List<Row> rows = new ArrayList<>();
        List<Chart.Item> bars = new ArrayList<>();
        for (FundLine line : d.funds()) {
            Portfolio p = line.portfolio();
            DashboardParams ofFund = new DashboardParams(String.valueOf(line.fundId()), params.from(), params.to(),
                    params.authority(), params.route());
            rows.add(new Row(new Cell(line.name(), line.name(), DashboardLinks.fund(params, line.fundId())), List.of(
                    money(p.budget(), null), money(p.committed(), null), money(p.paid(), null),
                    money(p.remaining(), null),
                    count(p.applications(), DashboardLinks.applications(ofFund, "all", "")),
                    rate(p.successRate()), days(p.daysToDecision().median()), days(p.targetDays()))));
            bars.add(new Chart.Item(line.name(), p.committed().doubleValue(), fmt.money(p.committed())));
        }
        return new DataTable("funds", text("dash.funds.title"), List.of(text("dash.funds.fund"),
                text("dash.money.budget"), text("dash.money.committed"), text("dash.money.paid"),
                text("dash.money.remaining"), text("dash.col.applications"), text("dash.outcomes.rate"),
                text("dash.time.medianShort"), text("dash.time.targetShort")), rows,
                List.of(Chart.of(text("dash.funds.chart"), bars)), true);
    }

    private DataTable money(Portfolio p, DashboardParams params) {
        String all = DashboardLinks.applications(params, "all", "");
        return amounts("money", text("dash.money.title"), text("dash.money.chart"), List.of(
                amountRow(text("dash.money.budget"), p.budget(), null),
                amountRow(text("dash.money.committed"), p.committed(), all),
                amountRow(text("dash.money.paid"), p.paid(), all),
                amountRow(text("dash.money.remaining"), p.remaining(), null)));
    }

    private DataTable askedAwarded(Portfolio p, DashboardParams params) {
        String all = DashboardLinks.applications(params, "all", "");
        return amounts("asked-awarded", text("dash.asked.title"), text("dash.asked.chart"), List.of(
                amountRow(text("dash.asked.all"), p.amountRequested(), all),
                amountRow(text("dash.asked.awardsAsked"), p.awardsRequested(), all),
                amountRow(text("dash.asked.awarded"), p.awarded(), all)));
    }

    private record Amount(String label, BigDecimal amount, String href) {
    }

    private Amount amountRow(String label, BigDecimal amount, String href) {
        return new Amount(label, amount, href);
    }

    /** A table of sums of money, one a row, with a chart of them. */
    private DataTable amounts(String name, String title, String chartTitle, List<Amount> amounts) {
        List<Row> rows = new ArrayList<>();
        List<Chart.Item> bars = new ArrayList<>();
        for (Amount a : amounts) {
            rows.add(new Row(head(a.label()), List.of(money(a.amount(), a.href()))));
            bars.add(new Chart.Item(a.label(), positive(a.amount()), fmt.money(a.amount())));
        }
        return new DataTable(name, title, List.of(text("dash.col.figure"), text("dash.col.amount")), rows,
                List.of(Chart.of(chartTitle, bars)), false);
    }

    private DataTable status(List<Count> byStatus, DashboardParams params) {
        List<Row> rows = new ArrayList<>();
        List<Chart.Item> bars = new ArrayList<>();
        for (Count c : byStatus) {
            String label = statusLabel(c.value());
            rows.add(new Row(head(label), List.of(count(c.applications(),
                    DashboardLinks.applications(params, "status", c.value())))));
            bars.add(new Chart.Item(label, c.applications(), fmt.number(c.applications())));
        }
        return new DataTable("status", text("dash.status.title"), List.of(text("dash.col.status"),
                text("dash.col.applications")), rows, List.of(Chart.of(text("dash.status.chart"), bars)), false);
    }

    private DataTable outcomes(Portfolio p, DashboardParams params) {
        String all = DashboardLinks.applications(params, "all", "");
        List<Row> rows = List.of(
                new Row(head(text("dash.outcomes.applications")), List.of(count(p.applications(), all))),
                new Row(head(text("dash.outcomes.decided")), List.of(count(p.decided(), all))),
                new Row(head(text("dash.outcomes.offered")), List.of(count(p.offered(), all))),
                new Row(head(text("dash.outcomes.rate")), List.of(rate(p.successRate()))));
        List<Chart.Item> bars = List.of(
                new Chart.Item(text("dash.outcomes.applications"), p.applications(), fmt.number(p.applications())),
                new Chart.Item(text("dash.outcomes.decided"), p.decided(), fmt.number(p.decided())),
                new Chart.Item(text("dash.outcomes.offered"), p.offered(), fmt.number(p.offered())));
        return new DataTable("outcomes", text("dash.outcomes.title"), List.of(text("dash.col.figure"),
                text("dash.col.number")), rows, List.of(Chart.of(text("dash.outcomes.chart"), bars)), false);
    }

    private DataTable decisionTime(Portfolio p) {
        Spread s = p.daysToDecision();
        List<Row> rows = new ArrayList<>(List.of(
                new Row(head(text("dash.time.decisions")), List.of(plainCount(s.count()))),
                new Row(head(text("dash.time.median")), List.of(days(s.median()))),
                new Row(head(text("dash.time.p90")), List.of(days(s.p90())))));
        List<Chart.Item> bars = new ArrayList<>(List.of(
                new Chart.Item(text("dash.time.medianBar"), orZero(s.median()), daysText(s.median())),
                new Chart.Item(text("dash.time.p90Bar"), orZero(s.p90()), daysText(s.p90()))));
        if (p.targetDays() != null) {
            rows.add(new Row(head(text("dash.time.target")), List.of(days(p.targetDays()))));
            bars.add(new Chart.Item(text("dash.time.target"), p.targetDays(), daysText(p.targetDays())));
        }
        return new DataTable("decision-time", text("dash.time.title"), List.of(text("dash.col.figure"),
                text("dash.col.days")), rows, List.of(Chart.of(text("dash.time.chart"), bars)), false);
    }

    /** Whether the decision-time target is met, in a plain sentence; null when there is nothing to say. */
    public String targetVerdict(Portfolio p) {
        Spread s = p.daysToDecision();
        if (p.targetDays() == null) {
            return text("dash.time.verdict.several");
        }
        if (s.count() == 0) {
            return text("dash.time.verdict.none", p.targetDays());
        }
        if (s.p90() <= p.targetDays()) {
            return text("dash.time.verdict.met", s.p90(), p.targetDays());
        }
        if (s.median() <= p.targetDays()) {
            return text("dash.time.verdict.partly", s.median(), p.targetDays(), s.p90());
        }
        return text("dash.time.verdict.missed", s.median(), p.targetDays());
    }

    /** Whether the decision-time target is met: true, false, or null when there is no target or no decision. */
    public static Boolean targetMet(Portfolio p) {
        Spread s = p.daysToDecision();
        return p.targetDays() == null || s.count() == 0 ? null : s.p90() <= p.targetDays();
    }

    private DataTable breakdown(String name, String dimension, List<Count> counts, DashboardParams params) {
        List<Row> rows = new ArrayList<>();
        List<Chart.Item> bars = new ArrayList<>();
        for (Count c : counts) {
            String label = valueLabel(dimension, c.value());
            String href = DashboardLinks.applications(params, dimension, c.value());
            rows.add(new Row(head(label), List.of(count(c.applications(), href), count(c.awards(), href),
                    money(c.awarded(), href))));
            bars.add(new Chart.Item(label, positive(c.awarded()), fmt.money(c.awarded())));
        }
        String key = "dash." + name;
        return new DataTable(name, text(key + ".title"), List.of(text(key + ".column"),
                text("dash.col.applications"), text("dash.col.awards"), text("dash.col.awarded")), rows,
                List.of(Chart.of(text("dash.chart.awarded"), bars)), false);
    }

    private DataTable achievements(Dashboard.Achievements a, DashboardParams params) {
        String all = DashboardLinks.applications(params, "all", "");
        List<Row> rows = List.of(
                new Row(head(text("dash.achieved.accepted")), List.of(count(a.reportsAccepted(), all))),
                new Row(head(text("dash.achieved.people")), List.of(plainCount(a.peopleReached()))),
                new Row(head(text("dash.achieved.awarded")), List.of(money(a.awardedReported(), null))),
                new Row(head(text("dash.achieved.spent")), List.of(money(a.amountSpent(), null))),
                new Row(head(text("dash.achieved.overdue")), List.of(count(a.reportsOverdue(), all))));
        List<Chart.Item> bars = List.of(
                new Chart.Item(text("dash.achieved.awarded"), positive(a.awardedReported()),
                        fmt.money(a.awardedReported())),
                new Chart.Item(text("dash.achieved.spent"), positive(a.amountSpent()), fmt.money(a.amountSpent())));
        return new DataTable("achievements", text("dash.achieved.title"), List.of(text("dash.col.figure"),
                text("dash.col.number")), rows, List.of(Chart.of(text("dash.achieved.chart"), bars)), false);
    }

    /** Routes in reading order: light-touch, full, not routed, then all together. */
    static List<RouteBurden> inOrder(List<RouteBurden> burden) {
        List<String> order = List.of("LIGHT_TOUCH", "FULL", "", DashboardFigures.ALL_ROUTES);
        return burden.stream().sorted(Comparator.comparingInt((RouteBurden b) -> order.indexOf(b.route())))
                .toList();
    }

    private DataTable burden(List<RouteBurden> burden, DashboardParams params) {
        List<RouteBurden> routes = inOrder(burden);
        List<String> columns = new ArrayList<>(List.of(text("dash.col.measure")));
        routes.forEach(r -> columns.add(routeLabel(r.route())));
        List<Row> rows = new ArrayList<>();
        rows.add(burdenRow("dash.burden.applications", routes, r -> count(r.applications(), routeLink(params, r))));
        rows.add(burdenRow("dash.burden.minutesMedian", routes, r -> minutes(r.minutesToSubmit().median())));
        rows.add(burdenRow("dash.burden.minutesP90", routes, r -> minutes(r.minutesToSubmit().p90())));
        rows.add(burdenRow("dash.burden.questions", routes, r -> decimal(r.questionsAsked())));
        rows.add(burdenRow("dash.burden.questionWords", routes, r -> decimal(r.questionWords())));
        rows.add(burdenRow("dash.burden.answerWords", routes, r -> decimal(r.answerWords())));
        rows.add(burdenRow("dash.burden.awards", routes, r -> count(r.awards(), routeLink(params, r))));
        rows.add(burdenRow("dash.burden.awarded", routes, r -> money(r.awarded(), null)));
        rows.add(burdenRow("dash.burden.minutesPer1000", routes, r -> decimal(r.minutesPer1000())));
        rows.add(burdenRow("dash.burden.questionsPer1000", routes, r -> decimal(r.questionsPer1000())));
        rows.add(burdenRow("dash.burden.wordsPer1000", routes, r -> decimal(r.questionWordsPer1000())));
        rows.add(burdenRow("dash.burden.decisionMedian", routes, r -> days(r.daysToDecision().median())));
        rows.add(burdenRow("dash.burden.decisionP90", routes, r -> days(r.daysToDecision().p90())));
        rows.add(burdenRow("dash.burden.paymentMedian", routes, r -> days(r.daysToFirstPayment().median())));
        rows.add(burdenRow("dash.burden.paymentP90", routes, r -> days(r.daysToFirstPayment().p90())));
        List<RouteBurden> byRoute = routes.stream().filter(r -> !DashboardFigures.ALL_ROUTES.equals(r.route()))
                .toList();
        Chart minutes = Chart.of(text("dash.burden.chart.minutes"), byRoute.stream().map(r -> new Chart.Item(
                routeLabel(r.route()), orZero(r.minutesToSubmit().median()),
                minutesText(r.minutesToSubmit().median()))).toList());
        Chart questions = Chart.of(text("dash.burden.chart.words"), byRoute.stream().map(r -> new Chart.Item(
                routeLabel(r.route()), r.questionWords() == null ? 0 : r.questionWords(),
                decimalText(r.questionWords()))).toList());
        return new DataTable("burden", text("dash.burden.title"), columns, rows, List.of(minutes, questions), true);
    }

    /** The plain sentence over the burden table: light-touch against full, when both have applications. */
    public String burdenVerdict(List<RouteBurden> burden) {
        RouteBurden light = burden.stream().filter(b -> "LIGHT_TOUCH".equals(b.route())).findFirst().orElse(null);
        RouteBurden full = burden.stream().filter(b -> "FULL".equals(b.route())).findFirst().orElse(null);
        if (light == null || full == null || light.minutesToSubmit().median() == null
                || full.minutesToSubmit().median() == null) {
            return text("dash.burden.verdict.none");
        }
        return text("dash.burden.verdict", minutesText(light.minutesToSubmit().median()),
                minutesText(full.minutesToSubmit().median()), decimalText(light.questionWords()),
                decimalText(full.questionWords()), daysText(light.daysToDecision().median()),
                daysText(full.daysToDecision().median()));
    }

    private static String routeLink(DashboardParams params, RouteBurden r) {
        if (r.route().isEmpty()) {
            return null;
        }
        DashboardParams route = DashboardFigures.ALL_ROUTES.equals(r.route()) ? params
                : new DashboardParams(params.fund(), params.from(), params.to(), params.authority(), r.route());
        return DashboardLinks.applications(route, "all", "");
    }

    private Row burdenRow(String key, List<RouteBurden> routes, java.util.function.Function<RouteBurden, Cell> cell) {
        return new Row(head(text(key)), routes.stream().map(cell).toList());
    }

    // Words for codes.

    public String routeLabel(String route) {
        return switch (route) {
            case "" -> text("dash.route.none");
            case DashboardFigures.ALL_ROUTES -> text("dash.route.all");
            default -> text("staff.route." + route);
        };
    }

    public String statusLabel(String status) {
        return text("dash.statusName." + status);
    }

    /** A breakdown's value in words; "" is always "Unknown". */
    public String valueLabel(String dimension, String value) {
        if (value == null || value.isEmpty()) {
            return text("dash.unknown");
        }
        return switch (dimension) {
            case "status" -> statusLabel(value);
            case "income_band" -> text("dash.incomeBand." + value);
            case "legal_form" -> text("legalForm." + value);
            case "returning" -> text("dash.returning." + value);
            case "decile" -> "1".equals(value) ? text("dash.decile.most")
                    : "10".equals(value) ? text("dash.decile.least") : value;
            default -> value;
        };
    }

    // Cells.

    private static Cell head(String label) {
        return new Cell(label, label, null);
    }

    private Cell count(long n, String href) {
        return new Cell(fmt.number(n), String.valueOf(n), href);
    }

    private Cell plainCount(long n) {
        return count(n, null);
    }

    private Cell money(BigDecimal amount, String href) {
        return new Cell(fmt.money(amount), amount.setScale(2, java.math.RoundingMode.HALF_UP).toPlainString(), href);
    }

    private Cell rate(Double rate) {
        return rate == null ? none() : new Cell(fmt.percent(rate),
                String.format(Locale.ROOT, "%.1f", rate * 100), null);
    }

    private Cell days(Integer days) {
        return days == null ? none() : new Cell(daysText(days), String.valueOf(days), null);
    }

    private Cell minutes(Integer minutes) {
        return minutes == null ? none() : new Cell(minutesText(minutes), String.valueOf(minutes), null);
    }

    private Cell decimal(Double value) {
        return value == null ? none() : new Cell(decimalText(value), decimalRaw(value), null);
    }

    private Cell none() {
        return new Cell(text("dash.none"), "", null);
    }

    private String daysText(Integer days) {
        return days == null ? text("dash.none") : text("dash.days", days);
    }

    private String minutesText(Integer minutes) {
        return minutes == null ? text("dash.none") : text("dash.minutes", minutes);
    }

    private String decimalText(Double value) {
        if (value == null) {
            return text("dash.none");
        }
        java.text.NumberFormat format = java.text.NumberFormat.getNumberInstance(Locale.UK);
        format.setMaximumFractionDigits(1);
        return format.format(value);
    }

    private static String decimalRaw(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    private static double positive(BigDecimal amount) {
        return amount == null ? 0 : Math.max(0, amount.doubleValue());
    }

    private static double orZero(Integer value) {
        return value == null ? 0 : value;
    }

    private String text(String key, Object... args) {
        return messages.text(key, args);
    }
}
