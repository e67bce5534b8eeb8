package org.kith.bench;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.kith.dashboard.Dashboard;
import org.kith.dashboard.DashboardFigures;
import org.kith.dashboard.DashboardFilter;
import org.kith.dashboard.DashboardReadModel;
import org.kith.funds.Fund;
import org.kith.funds.Funds;
import org.kith.organisations.LegalForm;
import org.kith.support.KithTest;
import org.kith.support.StatementCounter;
import org.kith.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Not a test: a measurement, run only with {@code mvn -Pbench test}, on MariaDB (its loader reads MariaDB's
 * {@code seq_1_to_N} tables). Bulk-loads Kith's own tables (organisations, applications, decisions, awards,
 * payments, grant reports, burden; {@code INSERT ... SELECT}, never through the process) to 10,000 and then
 * 1,000,000 submitted applications in 20 funds, rebuilds the dashboards' read model from them
 * ({@link DashboardReadModel#rebuild()}), and at each size times {@code DashboardFigures.figures} for the portfolio
 * of the 20 funds, one fund, a period and a local authority: median, p95 and max over {@value #DEFAULT_READS} reads
 * after 20 warm-up, then the 1,000,000 / 10,000 p95 ratio. At 1,000,000 it also times refreshing and folding 1,000
 * changed applications and prints the EXPLAIN of each query a dashboard read makes. Results and the command go in
 * docs/performance.md. Run it in a database of its own, created fresh: it adds a million applications.
 */
@Tag("bench")
@KithTest
class DashboardBenchmark {

    private static final int SMALL = Integer.getInteger("kith.bench.dashboard.small", 10_000);
    private static final int LARGE = Integer.getInteger("kith.bench.dashboard.large", 1_000_000);
    private static final int DEFAULT_READS = 200;
    private static final int READS = Integer.getInteger("kith.bench.reads", DEFAULT_READS);
    /**
     * A local-authority filter sums the fact rows themselves (for information): over 20 funds at 1,000,000 one read
     * takes seconds, so only a few.
     */
    private static final int FACT_READS = Integer.getInteger("kith.bench.reads.facts", 5);
    /** The machine is shared: each read is measured this many times in a row and the round with the lowest p95 kept. */
    private static final int ROUNDS = Integer.getInteger("kith.bench.rounds", 3);
    private static final int WARM_UP = 20;
    private static final int FUNDS = 20;
    /** Applications per organisation, on average. */
    private static final int PER_ORGANISATION = 20;
    /** Rows per INSERT ... SELECT. */
    private static final int CHUNK = 50_000;
    /**
     * Reads only, over the bench funds a finished run left in this database (after a change to the read model's
     * queries or indexes): no load, no rebuild.
     */
    private static final boolean REUSE = Boolean.getBoolean("kith.bench.dashboard.reuse");
    private static final int POSTCODES = 8_000;
    private static final int DEPRIVATION_AREAS = 6_000;

    static final List<String> AUTHORITIES = List.of("Glasgow City", "City of Edinburgh", "Fife", "North Lanarkshire",
            "South Lanarkshire", "Aberdeenshire", "Highland", "Aberdeen City", "West Lothian", "Renfrewshire",
            "Falkirk", "Dumfries and Galloway", "Dundee City", "North Ayrshire", "East Ayrshire", "Perth and Kinross",
            "Scottish Borders", "South Ayrshire", "Angus", "Moray", "Argyll and Bute", "Stirling", "Inverclyde",
            "Midlothian", "East Lothian", "West Dunbartonshire", "East Dunbartonshire", "Clackmannanshire",
            "Na h-Eileanan Siar", "Orkney Islands", "Shetland Islands", "Birmingham", "Leeds", "Manchester",
            "Bristol", "Cornwall", "Newcastle upon Tyne", "Liverpool", "Sheffield", "Cumberland");

    @Autowired
    TestData data;
    @Autowired
    DashboardFigures figures;
    @Autowired
    DashboardReadModel readModel;
    @Autowired
    Funds allFunds;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    StatementCounter counter;

    private long firstOrganisation;
    private long organisations;
    private long firstApplication;
    private long applications;

    record Timing(double median, double p95, double max, long statements) {
    }

    record Read(String name, List<Fund> funds, DashboardFilter filter) {

        int reads() {
            return filter.localAuthority() == null ? READS : FACT_READS;
        }
    }

    @Test
    void fundersReadTheirDashboardsOverAMillionApplications() throws Exception {
        if (REUSE) {
            readAgain();
            return;
        }
        List<Fund> funds = new ArrayList<>();
        for (int i = 0; i < FUNDS; i++) {
            int n = i + 1;
            funds.add(data.fund(f -> new Fund(0, f.slug(), "Bench fund " + n, f.description(), f.currency(),
                    new BigDecimal("150000000.00"), f.minimumAward(), f.maximumAward(), f.lightTouchThreshold(),
                    YearMonth.now().minusMonths(25).atDay(1), f.closesOn(), f.eligibility(), f.questions(),
                    f.criteria(), f.reporting(), f.payments(), f.timeLimits(), f.declineReasons())));
        }
        firstOrganisation = jdbc.sql("SELECT COALESCE(MAX(id), 0) + 1 FROM organisation").query(Long.class).single();
        firstApplication = jdbc.sql("SELECT COALESCE(MAX(id), 0) + 1 FROM application").query(Long.class).single();
        loadDeprivationAreas();

        List<Read> reads = reads(funds);

        load(SMALL, funds);
        double rebuildSmall = rebuild();
        Map<String, Timing> small = measure(reads);
        load(LARGE - SMALL, funds);
        double rebuildLarge = rebuild();
        Map<String, Timing> large = measure(reads);

        System.out.printf("[bench] dashboards, %d funds, %d reads each (%d with a local authority) after warm-up, "
                + "best of %d rounds; rebuild %.1f s at %,d, %.1f s at %,d%n", FUNDS, READS, FACT_READS, ROUNDS,
                rebuildSmall, SMALL, rebuildLarge, LARGE);
        System.out.printf("[bench] | read | %,d: median | p95 | max | %,d: median | p95 | max | p95 ratio | "
                + "statements |%n", SMALL, LARGE);
        for (String name : small.keySet()) {
            Timing s = small.get(name);
            Timing l = large.get(name);
            System.out.printf("[bench] | %s | %.2f ms | %.2f ms | %.2f ms | %.2f ms | %.2f ms | %.2f ms | %.2f | %d |%n",
                    name, s.median(), s.p95(), s.max(), l.median(), l.p95(), l.max(), l.p95() / s.p95(),
                    l.statements());
        }
        refreshAThousand();
        explain(reads);
    }

    private static List<Read> reads(List<Fund> funds) {
        Fund one = funds.get(3);
        YearMonth now = YearMonth.now();
        return List.of(
                new Read("portfolio (20 funds)", funds, DashboardFilter.NONE),
                new Read("one fund", List.of(one), DashboardFilter.ofFund(one.id())),
                new Read("portfolio, last 6 months", funds,
                        new DashboardFilter(null, now.minusMonths(5), now, null, null)),
                new Read("one fund, last 6 months", List.of(one),
                        new DashboardFilter(one.id(), now.minusMonths(5), now, null, null)),
                new Read("portfolio, one local authority", funds,
                        new DashboardFilter(null, null, null, "Fife", null)),
                new Read("one fund, one local authority", List.of(one),
                        new DashboardFilter(one.id(), null, null, "Fife", null)));
    }

    private void readAgain() {
        List<Fund> funds = new ArrayList<>();
        for (int i = 1; i <= FUNDS; i++) {
            funds.add(allFunds.get(jdbc.sql("SELECT MAX(id) FROM fund WHERE name = :name")
                    .param("name", "Bench fund " + i).query(Long.class).single()));
        }
        applications = jdbc.sql("SELECT COUNT(*) FROM application WHERE fund_id IN (:funds)")
                .param("funds", funds.stream().map(Fund::id).toList()).query(Long.class).single();
        List<Read> reads = reads(funds);
        Map<String, Timing> timings = measure(reads);
        System.out.printf("[bench] | read | %,d: median | p95 | max | statements |%n", applications);
        timings.forEach((name, t) -> System.out.printf("[bench] | %s | %.2f ms | %.2f ms | %.2f ms | %d |%n", name,
                t.median(), t.p95(), t.max(), t.statements()));
        firstApplication = jdbc.sql("SELECT MIN(id) FROM application WHERE fund_id IN (:funds)")
                .param("funds", funds.stream().map(Fund::id).toList()).query(Long.class).single();
        refreshAThousand();
        explain(reads);
    }

    /**
     * {@code count} more applications with their organisations (one per {@value #PER_ORGANISATION} applications,
     * applications spread over all the bench's organisations so far) and the rows their statuses imply.
     */
    private void load(int count, List<Fund> funds) {
        long started = System.nanoTime();
        long newOrganisations = Math.max(1, count / PER_ORGANISATION);
        for (long done = 0; done < newOrganisations; done += CHUNK) {
            loadOrganisations(firstOrganisation + organisations + done, Math.min(CHUNK, newOrganisations - done));
        }
        organisations += newOrganisations;
        double orgSeconds = (System.nanoTime() - started) / 1e9;
        StringJoiner fundIds = new StringJoiner(", ");
        funds.forEach(f -> fundIds.add(String.valueOf(f.id())));
        for (long done = 0; done < count; done += CHUNK) {
            long from = firstApplication + applications + done;
            long rows = Math.min(CHUNK, count - done);
            loadApplications(from, rows, fundIds.toString());
            loadRowsOfApplications(from, from + rows - 1);
        }
        applications += count;
        for (String table : List.of("organisation", "application", "decision", "award", "payment", "grant_report",
                "application_burden", "deprivation_area")) {
            jdbc.sql("ANALYZE TABLE " + table).query().listOfRows();
        }
        System.out.printf("[bench] loaded %,d organisations and %,d applications (with decisions, awards, payments, "
                        + "reports, burden) in %.1f s (organisations %.1f s); now %,d applications%n",
                newOrganisations, count, (System.nanoTime() - started) / 1e9, orgSeconds, applications);
        Map<String, Object> mix = new LinkedHashMap<>();
        jdbc.sql("SELECT status, COUNT(*) FROM application WHERE id >= :first GROUP BY status ORDER BY status")
                .param("first", firstApplication).query((rs, row) -> mix.put(rs.getString(1), rs.getLong(2))).list();
        System.out.printf("[bench] statuses: %s%n", mix);
    }

    /** A pseudo-random number from 0 to {@code bound - 1} for row {@code n} (SQL), one stream per {@code salt}. */
    private static String random(String salt, String n, int bound) {
        return "MOD(CRC32(CONCAT('" + salt + "', " + n + ")), " + bound + ")";
    }

    private void loadOrganisations(long from, long rows) {
        StringBuilder authority = new StringBuilder("ELT(1 + " + random("la", "n", AUTHORITIES.size()));
        AUTHORITIES.forEach(a -> authority.append(", '").append(a.replace("'", "''")).append('\''));
        authority.append(')');
        StringBuilder legalForm = new StringBuilder("ELT(1 + " + random("lf", "n", LegalForm.values().length));
        Arrays.stream(LegalForm.values()).forEach(f -> legalForm.append(", '").append(f.name()).append('\''));
        legalForm.append(')');
        // incomes over every band, a few unknown; areas and postcodes a few unknown too
        jdbc.sql("""
                INSERT INTO organisation (id, name, legal_form, org_identifier, postcode, local_authority, annual_income,
                  created_at)
                SELECT n, CONCAT('Bench group ', n), %s, CONCAT('XI-BENCH-', n),
                  CASE WHEN %s < 3 THEN NULL ELSE CONCAT('KB', 10 + p DIV 100, ' ', MOD(p, 10),
                    CHAR(65 + MOD(p DIV 10, 10) USING ascii), 'A') END,
                  CASE WHEN %s < 4 THEN NULL ELSE %s END,
                  CASE WHEN %s < 5 THEN NULL ELSE POW(10, 3 + %s / 1000.0) END,
                  NOW() - INTERVAL 3 YEAR
                FROM (SELECT n, %s AS p FROM (SELECT seq + %d AS n FROM seq_1_to_%d) q) s""".formatted(legalForm,
                random("pc", "n", 100), random("lu", "n", 100), authority, random("iu", "n", 100),
                random("in", "n", 4000), random("p", "n", POSTCODES), from - 1, rows)).update();
    }

    /** Postcodes KB10 0AA to KB89 9JA; three quarters of them are in the lookup, deciles 1 to 10. */
    private void loadDeprivationAreas() {
        jdbc.sql("""
                INSERT INTO deprivation_area (postcode_key, deprivation_index, decile, loaded_at)
                SELECT CONCAT('KB', 10 + p DIV 100, MOD(p, 10), CHAR(65 + MOD(p DIV 10, 10) USING ascii), 'A'), 'SIMD2020',
                  1 + %s, NOW()
                FROM (SELECT seq - 1 AS p FROM seq_1_to_%d) s""".formatted(random("dec", "p", 10), DEPRIVATION_AREAS))
                .update();
    }

    /**
     * Applications submitted over the last 24 months, started 10 minutes to 3 days before. The last two months are
     * mostly still being assessed; older ones decided (40% declined), awarded ones funded and, after 14 months,
     * closed. Amounts from 500 to 20,000 (over 5,000 the full route).
     */
    private void loadApplications(long from, long rows, String fundIds) {
        String status = """
                CASE WHEN age < 60 THEN CASE WHEN p < 30 THEN 'SUBMITTED' WHEN p < 70 THEN 'IN_ASSESSMENT'
                    WHEN p < 75 THEN 'INFORMATION_REQUESTED' WHEN p < 82 THEN 'AWAITING_DECISION'
                    WHEN p < 87 THEN 'INELIGIBLE' WHEN p < 90 THEN 'WITHDRAWN' WHEN p < 95 THEN 'DECLINED'
                    ELSE 'OFFERED' END
                  ELSE CASE WHEN p < 5 THEN 'INELIGIBLE' WHEN p < 9 THEN 'WITHDRAWN' WHEN p < 10 THEN 'LAPSED'
                    WHEN p < 50 THEN 'DECLINED' WHEN p < 52 THEN 'OFFER_DECLINED' WHEN p < 53 THEN 'OFFER_LAPSED'
                    WHEN p < 56 AND age < 120 THEN 'OFFERED' WHEN age < 420 OR p < 60 THEN 'FUNDED'
                    ELSE 'CLOSED' END END""";
        jdbc.sql("""
                INSERT INTO application (id, reference, fund_id, organisation_id, created_by, title, answers, status,
                  route, amount_requested, amount_awarded, created_at, updated_at, submitted_at)
                SELECT n, CONCAT('KB-', n), ELT(1 + %s, %s), %d + %s, 'bench', CONCAT('Bench project ', n), '{}',
                  status, CASE WHEN status = 'INELIGIBLE' THEN NULL WHEN amount > 5000 THEN 'FULL'
                    ELSE 'LIGHT_TOUCH' END, amount,
                  CASE WHEN status IN ('OFFERED', 'OFFER_DECLINED', 'OFFER_LAPSED', 'FUNDED', 'CLOSED')
                    THEN amount - MOD(amount, 500) END,
                  submitted - INTERVAL (10 + %s) MINUTE, submitted, submitted
                FROM (SELECT n, age, amount, %s AS status,
                        NOW(6) - INTERVAL age DAY - INTERVAL %s MINUTE AS submitted
                      FROM (SELECT n, %s AS age, %s AS p, 500 + %s AS amount
                            FROM (SELECT seq + %d AS n FROM seq_1_to_%d) q) r) s""".formatted(random("f", "n", FUNDS),
                fundIds, firstOrganisation, random("o", "n", (int) organisations), random("m", "n", 4310), status,
                random("t", "n", 1440), random("a", "n", 730), random("s", "n", 100), random("r", "n", 19_501),
                from - 1, rows)).update();
    }

    /**
     * Decisions (decided 1 to 10 weeks after submission), awards (offered when decided), payments (funded grants
     * paid 10 to 40 days after the offer, full-route ones in two tranches, the second paid when closed), reports
     * (closed: accepted, with people reached and money spent; funded: due a year after the offer, some overdue or
     * sent back) and burden (nine in ten applications).
     */
    private void loadRowsOfApplications(long from, long to) {
        String range = " a.id BETWEEN " + from + " AND " + to;
        jdbc.sql("""
                INSERT INTO decision (application_id, outcome, amount_awarded, decided_by, decided_at)
                SELECT a.id, CASE WHEN a.status = 'DECLINED' THEN 'DECLINE' ELSE 'AWARD' END, a.amount_awarded,
                  'bench', LEAST(NOW(6), a.submitted_at + INTERVAL (7 + %s) DAY)
                FROM application a WHERE a.status IN ('DECLINED', 'OFFERED', 'OFFER_DECLINED', 'OFFER_LAPSED',
                  'FUNDED', 'CLOSED') AND""".formatted(random("d", "a.id", 64)) + range).update();
        jdbc.sql("""
                INSERT INTO award (application_id, amount, offered_at, respond_by, accepted, responded_by, responded_at)
                SELECT a.id, a.amount_awarded, d.decided_at, CAST(d.decided_at + INTERVAL 28 DAY AS DATE),
                  CASE WHEN a.status IN ('FUNDED', 'CLOSED') THEN 1 WHEN a.status = 'OFFER_DECLINED' THEN 0 END,
                  CASE WHEN a.status IN ('FUNDED', 'CLOSED', 'OFFER_DECLINED') THEN 'bench' END,
                  CASE WHEN a.status IN ('FUNDED', 'CLOSED', 'OFFER_DECLINED') THEN d.decided_at + INTERVAL 5 DAY END
                FROM application a JOIN decision d ON d.application_id = a.id
                WHERE a.status IN ('OFFERED', 'OFFER_DECLINED', 'OFFER_LAPSED', 'FUNDED', 'CLOSED') AND""" + range)
                .update();
        jdbc.sql("""
                INSERT INTO payment (application_id, tranche, amount, due_on, paid_at, paid_by)
                SELECT a.id, t.seq, CASE WHEN a.route = 'FULL' THEN a.amount_awarded / 2 ELSE a.amount_awarded END,
                  CAST(w.offered_at + INTERVAL (10 + 180 * (t.seq - 1)) DAY AS DATE),
                  CASE WHEN t.seq = 1 OR a.status = 'CLOSED'
                    THEN LEAST(NOW(6), w.offered_at + INTERVAL (10 + 180 * (t.seq - 1) + %s) DAY) END,
                  CASE WHEN t.seq = 1 OR a.status = 'CLOSED' THEN 'bench' END
                FROM application a JOIN award w ON w.application_id = a.id JOIN seq_1_to_2 t
                  ON t.seq = 1 OR a.route = 'FULL'
                WHERE a.status IN ('FUNDED', 'CLOSED') AND""".formatted(random("pd", "a.id", 30)) + range).update();
        jdbc.sql("""
                INSERT INTO grant_report (application_id, due_on, status, people_reached, amount_spent, submitted_by,
                  submitted_at)
                SELECT a.id, CAST(w.offered_at + INTERVAL 1 YEAR AS DATE),
                  CASE WHEN a.status = 'CLOSED' THEN 'ACCEPTED' WHEN %1$s < 10 THEN 'CHANGES_REQUESTED' ELSE 'DUE' END,
                  CASE WHEN a.status = 'CLOSED' THEN 5 + %2$s END,
                  CASE WHEN a.status = 'CLOSED' THEN a.amount_awarded - %1$s END,
                  CASE WHEN a.status = 'CLOSED' OR %1$s < 10 THEN 'bench' END,
                  CASE WHEN a.status = 'CLOSED' OR %1$s < 10 THEN w.offered_at + INTERVAL 1 YEAR END
                FROM application a JOIN award w ON w.application_id = a.id
                WHERE a.status IN ('FUNDED', 'CLOSED') AND""".formatted(random("gr", "a.id", 100),
                random("pr", "a.id", 500)) + range).update();
        jdbc.sql("""
                INSERT INTO application_burden (application_id, questions_asked, question_words, answer_words,
                  files_attached, recorded_at)
                SELECT a.id, 8 + %s, 300 + %s, 500 + %s, %s, a.submitted_at
                FROM application a WHERE %s < 90 AND""".formatted(random("bq", "a.id", 7), random("bw", "a.id", 500),
                random("ba", "a.id", 2500), random("bf", "a.id", 4), random("b", "a.id", 100)) + range).update();
    }

    private double rebuild() {
        long started = System.nanoTime();
        readModel.rebuild();
        double seconds = (System.nanoTime() - started) / 1e9;
        for (String table : List.of("dashboard_application", "dashboard_cell", "dashboard_duration")) {
            jdbc.sql("ANALYZE TABLE " + table).query().listOfRows();
        }
        System.out.printf("[bench] rebuilt the read model from %,d applications in %.1f s: %,d fact rows, %,d cells, "
                        + "%,d duration rows%n", applications, seconds, count("dashboard_application"),
                count("dashboard_cell"), count("dashboard_duration"));
        return seconds;
    }

    private long count(String table) {
        return jdbc.sql("SELECT COUNT(*) FROM " + table).query(Long.class).single();
    }

    private Map<String, Timing> measure(List<Read> reads) {
        Map<String, Timing> timings = new LinkedHashMap<>();
        for (Read read : reads) {
            Timing best = null;
            for (int round = 1; round <= ROUNDS; round++) {
                Timing t = time(() -> figures(read.funds(), read.filter()), read.reads());
                System.out.printf("[bench]   round %d %-32s %,9d applications: median %7.2f ms  p95 %7.2f ms  "
                        + "max %7.2f ms  statements %d%n", round, read.name(), applications, t.median(), t.p95(),
                        t.max(), t.statements());
                best = best == null || t.p95() < best.p95() ? t : best;
            }
            timings.put(read.name(), best);
        }
        return timings;
    }

    private Timing time(Supplier<Dashboard> read, int reads) {
        for (int i = 0; i < Math.min(WARM_UP, Math.max(2, reads / 8)); i++) {
            read.get();
        }
        long[] nanos = new long[reads];
        long statements = 0;
        for (int i = 0; i < reads; i++) {
            long start = System.nanoTime();
            statements = counter.count(read).statements();
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        return new Timing(nanos[reads / 2] / 1e6, nanos[(int) Math.ceil(reads * 0.95) - 1] / 1e6,
                nanos[reads - 1] / 1e6, statements);
    }

    /**
     * {@code DashboardFigures.figures} is the service's unchecked entry (no person, any funds), package-private for
     * published statistics and this benchmark; the pages add only the scope check before it.
     */
    private Dashboard figures(List<Fund> funds, DashboardFilter filter) {
        try {
            Method method = DashboardFigures.class.getDeclaredMethod("figures", List.class, DashboardFilter.class);
            method.setAccessible(true);
            return (Dashboard) method.invoke(figures, funds, filter);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * For information: 1,000 applications of the last two months move on (submitted to in assessment, as the
     * process would), then the read model rewrites their fact rows and folds their fund-months, as after a busy
     * day of assessment.
     */
    private void refreshAThousand() {
        List<Long> ids = jdbc.sql("""
                SELECT id FROM application WHERE id >= :first AND status = 'SUBMITTED' ORDER BY id LIMIT 1000""")
                .param("first", firstApplication).query(Long.class).list();
        if (ids.isEmpty()) {
            System.out.println("[bench] no submitted application left to move on");
            return;
        }
        jdbc.sql("UPDATE application SET status = 'IN_ASSESSMENT' WHERE id IN (:ids)").param("ids", ids).update();
        long started = System.nanoTime();
        readModel.refresh(ids);
        double refreshed = (System.nanoTime() - started) / 1e6;
        int staleMonths = jdbc.sql("SELECT COUNT(*) FROM (SELECT DISTINCT fund_id, period_month "
                + "FROM dashboard_application WHERE stale = 1) s").query(Integer.class).single();
        readModel.fold();
        double total = (System.nanoTime() - started) / 1e6;
        System.out.printf("[bench] %,d changed applications at %,d: refresh %.0f ms, fold of %d fund-months %.0f ms, "
                + "together %.0f ms%n", ids.size(), applications, refreshed, staleMonths, total - refreshed, total);
    }

    private static final Pattern IN_LIST = Pattern.compile("IN \\(\\?(, \\?)*\\)");

    /** EXPLAIN of every statement one read of each kind makes, its parameters written in. */
    private void explain(List<Read> reads) {
        for (Read read : reads) {
            List<String> statements = counter.count(() -> figures(read.funds(), read.filter())).sql();
            System.out.printf("[bench] EXPLAIN %s at %,d applications (%d statements)%n", read.name(), applications,
                    statements.size());
            double sqlTotal = 0;
            for (String sql : statements) {
                String filled = fill(sql, read);
                double sqlMedian = sqlMedian(filled);
                sqlTotal += sqlMedian;
                System.out.printf("[bench]   %.2f ms (median of up to 20, every column fetched): %s%n", sqlMedian,
                        filled.replaceAll("\\s+", " "));
                jdbc.sql("EXPLAIN " + filled).query((rs, row) -> {
                    StringBuilder line = new StringBuilder("[bench]     ");
                    for (int c = 1; c <= rs.getMetaData().getColumnCount(); c++) {
                        line.append(rs.getMetaData().getColumnLabel(c)).append('=').append(rs.getString(c))
                                .append(c < rs.getMetaData().getColumnCount() ? " | " : "");
                    }
                    System.out.println(line);
                    return row;
                }).list();
            }
            System.out.printf("[bench]   %s: the statements alone %.2f ms (medians summed)%n", read.name(), sqlTotal);
        }
    }

    /** The median time of a statement over 20 runs, or over as many as 3 seconds allow (at least one). */
    private double sqlMedian(String sql) {
        List<Long> nanos = new ArrayList<>();
        long started = System.nanoTime();
        while (nanos.size() < 20 && (nanos.isEmpty() || System.nanoTime() - started < 3_000_000_000L)) {
            long start = System.nanoTime();
            jdbc.sql(sql).query((ResultSet rs) -> {
                for (int c = 1; c <= rs.getMetaData().getColumnCount(); c++) {
                    rs.getObject(c);
                }
            });
            nanos.add(System.nanoTime() - start);
        }
        nanos.sort(null);
        return nanos.get(nanos.size() / 2) / 1e6;
    }

    private static String fill(String sql, Read read) {
        StringJoiner ids = new StringJoiner(", ", "IN (", ")");
        read.funds().forEach(f -> ids.add(String.valueOf(f.id())));
        String filled = IN_LIST.matcher(sql).replaceAll(Matcher.quoteReplacement(ids.toString()));
        DashboardFilter filter = read.filter();
        if (filter.hasPeriod()) {
            filled = filled.replace("BETWEEN ? AND ?", "BETWEEN " + month(filter.from()) + " AND " + month(filter.to()));
        }
        if (filter.localAuthority() != null) {
            filled = filled.replace("local_authority = ?", "local_authority = '" + filter.localAuthority() + "'");
        }
        return filled.replace("report_due_on < ?", "report_due_on < CURRENT_DATE");
    }

    private static int month(YearMonth month) {
        return month.getYear() * 100 + month.getMonthValue();
    }
}
