package org.kith.dashboard;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.kith.applications.ApplicationChanged;
import org.kith.organisations.OrganisationChanged;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps the dashboards' tables (V13) in step with Kith's own: it only listens. An {@link ApplicationChanged} marks
 * the application; just before the transaction commits, each marked application's fact row is rewritten from the
 * tables (once, however many changes the transaction made) and flagged stale. {@link #fold()} turns stale
 * fund-months into cells and duration counts; it runs on a schedule and before each staff dashboard read (public
 * figures read what the last fold left).
 */
@Component
public class DashboardReadModel {

    private static final Logger log = LoggerFactory.getLogger(DashboardReadModel.class);
    private static final Object PENDING = new Object();

    static final String COMMITTED_STATUSES = "'OFFERED', 'FUNDED', 'CLOSED'";
    static final String OFFERED_STATUSES = "'OFFERED', 'OFFER_DECLINED', 'OFFER_LAPSED', 'FUNDED', 'CLOSED'";
    static final String DECIDED_STATUSES = OFFERED_STATUSES + ", 'DECLINED'";

    static final String FACT_COLUMNS = """
            application_id, fund_id, period_month, route, status, local_authority, income_band, legal_form,
            returning_group, deprivation_decile, amount_requested, committed, decided, offered, minutes_to_submit,
            decision_days, first_payment_days, paid, questions_asked, question_words, answer_words, report_status,
            report_due_on, people_reached, amount_spent, submitted_at""";

    /** One fact row per application past its draft, from Kith's tables only. Append a condition on {@code a}. */
    static final String FACT_SELECT = """
            SELECT a.id AS application_id, a.fund_id,
              EXTRACT(YEAR FROM a.submitted_at) * 100 + EXTRACT(MONTH FROM a.submitted_at) AS period_month,
              COALESCE(a.route, '') AS route, a.status,
              COALESCE(o.local_authority, '') AS local_authority,
              CASE WHEN o.annual_income IS NULL THEN 'UNKNOWN'
                   WHEN o.annual_income < 10000 THEN 'MICRO'
                   WHEN o.annual_income < 100000 THEN 'SMALL'
                   WHEN o.annual_income < 1000000 THEN 'MEDIUM'
                   ELSE 'LARGE' END AS income_band,
              o.legal_form,
              CASE WHEN EXISTS (SELECT 1 FROM application p JOIN award w ON w.application_id = p.id
                                WHERE p.organisation_id = a.organisation_id AND p.id <> a.id
                                  AND w.offered_at < a.submitted_at) THEN 1 ELSE 0 END AS returning_group,
              (SELECT d.decile FROM deprivation_area d
               WHERE d.postcode_key = UPPER(REPLACE(o.postcode, ' ', ''))) AS deprivation_decile,
              COALESCE(a.amount_requested, 0) AS amount_requested,
              CASE WHEN a.status IN (%1$s) THEN COALESCE(a.amount_awarded, 0) ELSE 0 END AS committed,
              CASE WHEN a.status IN (%3$s) THEN 1 ELSE 0 END AS decided,
              CASE WHEN a.status IN (%2$s) THEN 1 ELSE 0 END AS offered,
              TIMESTAMPDIFF(MINUTE, a.created_at, a.submitted_at) AS minutes_to_submit,
              CASE WHEN a.status IN (%3$s) THEN
                (SELECT TIMESTAMPDIFF(DAY, CAST(a.submitted_at AS DATE), CAST(MIN(dc.decided_at) AS DATE))
                 FROM decision dc WHERE dc.application_id = a.id AND dc.outcome IN ('AWARD', 'DECLINE'))
              END AS decision_days,
              (SELECT TIMESTAMPDIFF(DAY, CAST(a.submitted_at AS DATE), CAST(MIN(pm.paid_at) AS DATE))
               FROM payment pm WHERE pm.application_id = a.id) AS first_payment_days,
              (SELECT COALESCE(SUM(pm.amount), 0) FROM payment pm
               WHERE pm.application_id = a.id AND pm.paid_at IS NOT NULL) AS paid,
              b.questions_asked, b.question_words, b.answer_words,
              r.status AS report_status, r.due_on AS report_due_on, r.people_reached, r.amount_spent,
              a.submitted_at
            FROM application a
            JOIN organisation o ON o.id = a.organisation_id
            LEFT JOIN application_burden b ON b.application_id = a.id
            LEFT JOIN grant_report r ON r.application_id = a.id
            WHERE a.submitted_at IS NOT NULL AND a.status <> 'DRAFT'
            """.formatted(COMMITTED_STATUSES, OFFERED_STATUSES, DECIDED_STATUSES);

    /** The breakdowns kept in dashboard_cell, each as the SQL of its value over dashboard_application. */
    static final Map<String, String> DIMENSIONS = dimensions();

    /** The measures summed into dashboard_cell, in its column order, as SQL over dashboard_application. */
    static final String MEASURES = """
            COUNT(*), SUM(decided), SUM(offered),
            SUM(CASE WHEN status IN (%1$s) THEN 1 ELSE 0 END),
            SUM(amount_requested),
            SUM(CASE WHEN status IN (%1$s) THEN amount_requested ELSE 0 END),
            SUM(committed), SUM(paid),
            SUM(CASE WHEN questions_asked IS NULL THEN 0 ELSE 1 END),
            COALESCE(SUM(questions_asked), 0), COALESCE(SUM(question_words), 0), COALESCE(SUM(answer_words), 0),
            SUM(minutes_to_submit),
            SUM(CASE WHEN status IN (%1$s) THEN minutes_to_submit ELSE 0 END),
            SUM(CASE WHEN status IN (%1$s) THEN COALESCE(questions_asked, 0) ELSE 0 END),
            SUM(CASE WHEN status IN (%1$s) THEN COALESCE(question_words, 0) ELSE 0 END),
            SUM(CASE WHEN report_status = 'ACCEPTED' THEN 1 ELSE 0 END),
            SUM(CASE WHEN report_status = 'ACCEPTED' THEN COALESCE(people_reached, 0) ELSE 0 END),
            SUM(CASE WHEN report_status = 'ACCEPTED' THEN COALESCE(amount_spent, 0) ELSE 0 END),
            SUM(CASE WHEN report_status = 'ACCEPTED' THEN committed ELSE 0 END)""".formatted(COMMITTED_STATUSES);

    static final String CELL_MEASURE_COLUMNS = """
            applications, decided, offered, awards, amount_requested, awards_requested, committed, paid,
            burden_recorded, questions_asked, question_words, answer_words, minutes_to_submit, awards_minutes,
            awards_questions, awards_words, reports_accepted, people_reached, amount_spent, reported_committed""";

    /** A duration kept in dashboard_duration: the fact column it counts, and the SQL of the amount stored. */
    record Duration(String measure, String column, String amount) {
    }

    static final List<Duration> DURATIONS = List.of(
            new Duration("decision_days", "decision_days", "decision_days"),
            new Duration("payment_days", "first_payment_days", "first_payment_days"),
            // exact to two hours, then down to 15 minutes to a day, then to the hour: few distinct amounts
            new Duration("submit_minutes", "minutes_to_submit", """
                    CASE WHEN minutes_to_submit < 120 THEN minutes_to_submit
                         WHEN minutes_to_submit < 1440 THEN minutes_to_submit - MOD(minutes_to_submit, 15)
                         ELSE minutes_to_submit - MOD(minutes_to_submit, 60) END"""));

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;

    DashboardReadModel(JdbcClient jdbc, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    private static Map<String, String> dimensions() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("all", "''");
        d.put("status", "status");
        d.put("local_authority", "local_authority");
        d.put("income_band", "income_band");
        d.put("legal_form", "legal_form");
        d.put("returning", "CASE WHEN returning_group = 1 THEN 'RETURNING' ELSE 'FIRST_TIME' END");
        StringBuilder decile = new StringBuilder("CASE deprivation_decile");
        for (int i = 1; i <= 10; i++) {
            decile.append(" WHEN ").append(i).append(" THEN '").append(i).append("'");
        }
        d.put("decile", decile.append(" ELSE '' END").toString());
        return java.util.Collections.unmodifiableMap(d);
    }

    @EventListener
    void on(ApplicationChanged event) {
        mark(List.of(event.applicationId()));
    }

    @EventListener
    void on(OrganisationChanged event) {
        mark(jdbc.sql("SELECT application_id FROM dashboard_application a JOIN application p ON p.id = a.application_id"
                        + " WHERE p.organisation_id = :org")
                .param("org", event.organisationId()).query(Long.class).list());
    }

    /** Rewrites these applications' fact rows before the current transaction commits, or now if there is none. */
    @SuppressWarnings("unchecked")
    void mark(Collection<Long> applicationIds) {
        if (applicationIds.isEmpty()) {
            return;
        }
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            refresh(applicationIds);
            return;
        }
        Set<Long> pending = (Set<Long>) TransactionSynchronizationManager.getResource(PENDING);
        if (pending == null) {
            Set<Long> ids = new LinkedHashSet<>();
            TransactionSynchronizationManager.bindResource(PENDING, ids);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void beforeCommit(boolean readOnly) {
                    refresh(new ArrayList<>(ids));
                }

                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(PENDING);
                }
            });
            pending = ids;
        }
        pending.addAll(applicationIds);
    }

    /** Rewrites the fact rows of these applications from Kith's tables and marks them stale for the next fold. */
    public void refresh(Collection<Long> applicationIds) {
        if (applicationIds.isEmpty()) {
            return;
        }
        List<Map<String, Object>> rows = jdbc.sql(FACT_SELECT + " AND a.id IN (:ids)")
                .param("ids", applicationIds).query(DashboardReadModel::factRow).list();
        // update first: a row that exists (every change after submission) costs one statement, a new one two
        for (Map<String, Object> row : rows) {
            if (update(row) == 0 && !insert(row)) {
                update(row);
            }
        }
    }

    private boolean insert(Map<String, Object> row) {
        try {
            jdbc.sql("INSERT INTO dashboard_application (" + FACT_COLUMNS + ", stale) VALUES ("
                            + placeholders() + ", 1)")
                    .params(row).update();
            return true;
        } catch (DuplicateKeyException raced) {
            return false;
        }
    }

    private int update(Map<String, Object> row) {
        StringBuilder set = new StringBuilder();
        for (String column : columns()) {
            if (!column.equals("application_id")) {
                set.append(column).append(" = :").append(column).append(", ");
            }
        }
        return jdbc.sql("UPDATE dashboard_application SET " + set + "stale = 1 WHERE application_id = :application_id")
                .params(row).update();
    }

    private static List<String> columns() {
        return java.util.Arrays.stream(FACT_COLUMNS.split(",")).map(String::strip).toList();
    }

    private static String placeholders() {
        return String.join(", ", columns().stream().map(c -> ":" + c).toList());
    }

    private static Map<String, Object> factRow(ResultSet rs, int rowNum) throws SQLException {
        Map<String, Object> row = new TreeMap<>();
        for (String column : columns()) {
            Object value = rs.getObject(column);
            row.put(column, value instanceof Number n && column.equals("application_id") ? n.longValue() : value);
        }
        return row;
    }

    /**
     * Rebuilds every fact row from Kith's tables in batches of application ids, then folds everything. For a
     * database that had applications before the dashboards, a new deprivation lookup, or a bulk load.
     */
    public void rebuild() {
        long maxId = jdbc.sql("SELECT COALESCE(MAX(id), 0) FROM application").query(Long.class).single();
        // one INSERT ... SELECT a batch: 20,000 took 20-30 s on MariaDB at 1,000,000 applications (a 128 MB buffer
        // pool, a busy machine), past the 30 s query timeout (spring.jdbc.template.query-timeout)
        int batch = 5_000;
        for (long from = 0; from <= maxId; from += batch) {
            long lo = from;
            transactions.executeWithoutResult(tx -> {
                jdbc.sql("DELETE FROM dashboard_application WHERE application_id > :lo AND application_id <= :hi")
                        .param("lo", lo).param("hi", lo + batch).update();
                jdbc.sql("INSERT INTO dashboard_application (" + FACT_COLUMNS + ", stale) SELECT f.*, 1 FROM ("
                                + FACT_SELECT + " AND a.id > :lo AND a.id <= :hi) f")
                        .param("lo", lo).param("hi", lo + batch).update();
            });
        }
        transactions.executeWithoutResult(tx -> {
            jdbc.sql("DELETE FROM dashboard_cell").update();
            jdbc.sql("DELETE FROM dashboard_duration").update();
        });
        fold();
    }

    /** Fills the tables at start-up when the database has submitted applications the dashboards never saw. */
    @EventListener(org.springframework.boot.context.event.ApplicationReadyEvent.class)
    void backfill() {
        boolean empty = jdbc.sql("SELECT COUNT(*) FROM dashboard_application").query(Long.class).single() == 0;
        if (empty && jdbc.sql("SELECT COUNT(*) FROM application WHERE submitted_at IS NOT NULL")
                .query(Long.class).single() > 0) {
            log.info("Filling the dashboards' read model from the applications already submitted");
            try {
                rebuild();
            } catch (DataAccessException e) {
                // another node starting at the same moment fills it too; what either wrote is whole per batch
                log.warn("Filling the dashboards' read model stopped; loading the deprivation lookup (/staff/deprivation) rebuilds it", e);
            }
        }
    }

    @Scheduled(initialDelayString = "${kith.dashboard.fold-interval:PT10S}",
            fixedDelayString = "${kith.dashboard.fold-interval:PT10S}")
    void foldOnSchedule() {
        try {
            fold();
        } catch (DataAccessException e) {
            log.warn("Folding the dashboards' read model failed; the next run tries again", e);
        }
    }

    /**
     * Sums the stale fund-months into dashboard_cell and dashboard_duration, then each touched fund's all-months
     * rows (period 0) from its months. One transaction per fund, holding the fund's row so two nodes never fold
     * the same fund at once.
     */
    public void fold() {
        Map<Long, List<Integer>> stale = new TreeMap<>();
        jdbc.sql("SELECT DISTINCT fund_id, period_month FROM dashboard_application WHERE stale = 1")
                .query((rs, row) -> stale.computeIfAbsent(rs.getLong(1), f -> new ArrayList<>()).add(rs.getInt(2)))
                .list();
        stale.forEach((fundId, months) -> transactions.executeWithoutResult(tx -> foldFund(fundId, months)));
    }

    private void foldFund(long fundId, List<Integer> months) {
        jdbc.sql("SELECT id FROM fund WHERE id = :fund FOR UPDATE").param("fund", fundId).query(Long.class).list();
        boolean changed = false;
        for (int month : months) {
            int claimed = jdbc.sql("""
                    UPDATE dashboard_application SET stale = 0
                    WHERE stale = 1 AND fund_id = :fund AND period_month = :month""")
                    .param("fund", fundId).param("month", month).update();
            if (claimed == 0) {
                continue; // another node folded it first
            }
            changed = true;
            foldMonth(fundId, month);
        }
        if (changed) {
            foldAllMonths(fundId);
        }
    }

    private void foldMonth(long fundId, int month) {
        jdbc.sql("DELETE FROM dashboard_cell WHERE fund_id = :fund AND period_month = :month")
                .param("fund", fundId).param("month", month).update();
        jdbc.sql("DELETE FROM dashboard_duration WHERE fund_id = :fund AND period_month = :month")
                .param("fund", fundId).param("month", month).update();
        // numbers, not parameters: H2 cannot type a parameter in a SELECT list
        String lead = fundId + ", " + month + ",";
        String where = "fund_id = " + fundId + " AND period_month = " + month;
        jdbc.sql("INSERT INTO dashboard_cell (fund_id, period_month, route, dimension, dim_value, "
                + CELL_MEASURE_COLUMNS + ") " + cellsFromFacts(lead, where, "")).update();
        jdbc.sql("INSERT INTO dashboard_duration (fund_id, period_month, route, measure, amount, applications) "
                + durationsFromFacts(lead, where, "")).update();
    }

    private void foldAllMonths(long fundId) {
        jdbc.sql("DELETE FROM dashboard_cell WHERE fund_id = :fund AND period_month = 0")
                .param("fund", fundId).update();
        jdbc.sql("DELETE FROM dashboard_duration WHERE fund_id = :fund AND period_month = 0")
                .param("fund", fundId).update();
        jdbc.sql("INSERT INTO dashboard_cell (fund_id, period_month, route, dimension, dim_value, "
                        + CELL_MEASURE_COLUMNS + ") SELECT fund_id, 0, route, dimension, dim_value, "
                        + sums(CELL_MEASURE_COLUMNS) + " FROM dashboard_cell WHERE fund_id = :fund AND period_month > 0"
                        + " GROUP BY fund_id, route, dimension, dim_value")
                .param("fund", fundId).update();
        jdbc.sql("""
                INSERT INTO dashboard_duration (fund_id, period_month, route, measure, amount, applications)
                SELECT fund_id, 0, route, measure, amount, SUM(applications) FROM dashboard_duration
                WHERE fund_id = :fund AND period_month > 0 GROUP BY fund_id, route, measure, amount""")
                .param("fund", fundId).update();
    }

    static String sums(String columns) {
        return String.join(", ", java.util.Arrays.stream(columns.split(","))
                .map(c -> "SUM(" + c.strip() + ")").toList());
    }

    /**
     * The cells of the fact rows matching {@code where}, one SELECT per breakdown joined by UNION ALL, each row
     * {@code <lead> route, dimension, dim_value, measures...}. {@code groupBy} adds leading grouping columns (with a
     * trailing comma) that {@code lead} also selects. The fold stores these; a dashboard filtered by local
     * authority reads them straight from the fact rows.
     */
    static String cellsFromFacts(String lead, String where, String groupBy) {
        List<String> parts = new ArrayList<>();
        DIMENSIONS.forEach((dimension, value) -> parts.add("SELECT " + lead + " route, '" + dimension + "', "
                + value + ", " + MEASURES + " FROM dashboard_application WHERE " + where
                + " GROUP BY " + groupBy + " route, " + value));
        return String.join(" UNION ALL ", parts);
    }

    /** Applications per duration amount, the same way: {@code <lead> route, measure, amount, applications}. */
    static String durationsFromFacts(String lead, String where, String groupBy) {
        List<String> parts = new ArrayList<>();
        for (Duration d : DURATIONS) {
            parts.add("SELECT " + lead + " route, '" + d.measure() + "', " + d.amount()
                    + ", COUNT(*) FROM dashboard_application WHERE " + where + " AND " + d.column()
                    + " IS NOT NULL GROUP BY " + groupBy + " route, " + d.amount());
        }
        return String.join(" UNION ALL ", parts);
    }
}
