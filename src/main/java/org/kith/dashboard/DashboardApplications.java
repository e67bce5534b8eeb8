package org.kith.dashboard;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The applications behind a dashboard figure, from the read model's fact rows ({@code dashboard_application}) with
 * the reference and group name from Kith's tables: a page of them for staff, or all of them, in id order and a
 * batch at a time, for the CSV exports. Callers pass the funds a person may see ({@link DashboardFigures#scope});
 * a fact row of any other fund is never read.
 */
@Component
class DashboardApplications {

    static final int PAGE_SIZE = 25;
    static final int BATCH = 500;

    /** A breakdown of {@link DashboardReadModel#DIMENSIONS} and one of its values ("" for unknown), or all. */
    record Slice(String dimension, String value) {

        static final Slice ALL = new Slice("all", "");

        boolean isAll() {
            return dimension.equals("all");
        }
    }

    /** One application in the list behind a figure. {@code awarded} is set while the grant stands. */
    record Row(long applicationId, String reference, String groupName, long fundId, String status,
            BigDecimal amountRequested, BigDecimal awarded, LocalDateTime submittedAt) {
    }

    record Page(List<Row> rows, long total) {
    }

    /** One submitted application as exported. {@code decisionDays} is null before a decision. */
    record ApplicationLine(long applicationId, String reference, long fundId, String groupName, String legalForm,
            String incomeBand, String localAuthority, Integer deprivationDecile, String route, String status,
            BigDecimal amountRequested, BigDecimal awarded, BigDecimal paid, LocalDateTime submittedAt,
            Integer decisionDays) {

        LocalDate decidedOn() {
            return decisionDays == null ? null : submittedAt.toLocalDate().plusDays(decisionDays);
        }
    }

    /** One grant that stands (offered, funded or closed) as exported. */
    record AwardLine(long applicationId, String reference, long fundId, String groupName, String orgIdentifier,
            BigDecimal awarded, BigDecimal paid, LocalDateTime awardedAt, String reportStatus) {
    }

    private final JdbcClient jdbc;

    DashboardApplications(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** One page (from 0) of the applications in these funds, filter and slice, newest submission first. */
    Page page(List<Long> funds, DashboardFilter filter, Slice slice, int page) {
        if (funds.isEmpty()) {
            return new Page(List.of(), 0);
        }
        Map<String, Object> params = new HashMap<>();
        String where = where(funds, filter, slice, params);
        long total = jdbc.sql("SELECT COUNT(*) FROM dashboard_application WHERE " + where).params(params)
                .query(Long.class).single();
        params.put("limit", PAGE_SIZE);
        params.put("offset", (long) page * PAGE_SIZE);
        List<Row> rows = jdbc.sql("""
                SELECT d.application_id, a.reference, o.name, d.fund_id, d.status, d.amount_requested, d.committed,
                       d.submitted_at
                FROM (SELECT application_id, fund_id, status, amount_requested, committed, submitted_at
                      FROM dashboard_application WHERE %s
                      ORDER BY submitted_at DESC, application_id DESC LIMIT :limit OFFSET :offset) d
                JOIN application a ON a.id = d.application_id
                JOIN organisation o ON o.id = a.organisation_id
                ORDER BY d.submitted_at DESC, d.application_id DESC""".formatted(where))
                .params(params)
                .query((rs, n) -> new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                        rs.getString(5), rs.getBigDecimal(6), awarded(rs.getString(5), rs.getBigDecimal(7)),
                        time(rs.getTimestamp(8))))
                .list();
        return new Page(rows, total);
    }

    /** Every application in these funds, filter and slice, in id order, {@link #BATCH} rows read at a time. */
    void eachApplication(List<Long> funds, DashboardFilter filter, Slice slice, Consumer<ApplicationLine> out) {
        inBatches(funds, filter, slice, """
                SELECT d.application_id, a.reference, d.fund_id, o.name, d.legal_form, d.income_band,
                       d.local_authority, d.deprivation_decile, d.route, d.status, d.amount_requested, d.committed,
                       d.paid, d.submitted_at, d.decision_days
                FROM (SELECT application_id, fund_id, legal_form, income_band, local_authority, deprivation_decile,
                             route, status, amount_requested, committed, paid, submitted_at, decision_days
                      FROM dashboard_application WHERE %1$s AND application_id > :after
                      ORDER BY application_id LIMIT :limit) d
                JOIN application a ON a.id = d.application_id
                JOIN organisation o ON o.id = a.organisation_id
                ORDER BY d.application_id""", (rs, n) -> new ApplicationLine(rs.getLong(1), rs.getString(2),
                        rs.getLong(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7),
                        (Integer) rs.getObject(8, Integer.class), rs.getString(9), rs.getString(10),
                        rs.getBigDecimal(11), awarded(rs.getString(10), rs.getBigDecimal(12)), rs.getBigDecimal(13),
                        time(rs.getTimestamp(14)), (Integer) rs.getObject(15, Integer.class)),
                ApplicationLine::applicationId, out);
    }

    /** Every grant that stands in these funds and filter, in id order, {@link #BATCH} rows read at a time. */
    void eachAward(List<Long> funds, DashboardFilter filter, Slice slice, Consumer<AwardLine> out) {
        inBatches(funds, filter, slice, """
                SELECT d.application_id, a.reference, d.fund_id, o.name, o.org_identifier, d.committed, d.paid,
                       w.offered_at, d.report_status
                FROM (SELECT application_id, fund_id, committed, paid, report_status
                      FROM dashboard_application WHERE %1$s AND status IN (%2$s) AND application_id > :after
                      ORDER BY application_id LIMIT :limit) d
                JOIN application a ON a.id = d.application_id
                JOIN organisation o ON o.id = a.organisation_id
                LEFT JOIN award w ON w.application_id = d.application_id
                ORDER BY d.application_id""", (rs, n) -> new AwardLine(rs.getLong(1), rs.getString(2), rs.getLong(3),
                        rs.getString(4), rs.getString(5), rs.getBigDecimal(6), rs.getBigDecimal(7),
                        time(rs.getTimestamp(8)), rs.getString(9)),
                AwardLine::applicationId, out);
    }

    private interface Mapper<T> {
        T map(ResultSet rs, int rowNum) throws SQLException;
    }

    /**
     * Keyset paging by application id: each batch starts after the last id of the one before. In the SQL, %1$s
     * stands for the conditions and %2$s for the statuses of a grant that stands.
     */
    private <T> void inBatches(List<Long> funds, DashboardFilter filter, Slice slice, String sqlTemplate,
            Mapper<T> mapper, java.util.function.ToLongFunction<T> id, Consumer<T> out) {
        if (funds.isEmpty()) {
            return;
        }
        Map<String, Object> params = new HashMap<>();
        String sql = sqlTemplate.formatted(where(funds, filter, slice, params), DashboardReadModel.COMMITTED_STATUSES);
        params.put("limit", BATCH);
        long after = 0;
        while (true) {
            params.put("after", after);
            List<T> batch = jdbc.sql(sql).params(params).query(mapper::map).list();
            batch.forEach(out);
            if (batch.size() < BATCH) {
                return;
            }
            after = id.applyAsLong(batch.get(batch.size() - 1));
        }
    }

    /** The conditions on dashboard_application (unqualified columns): these funds, the filter, the slice. */
    private static String where(List<Long> funds, DashboardFilter filter, Slice slice, Map<String, Object> params) {
        StringBuilder where = new StringBuilder("fund_id IN (:funds)");
        params.put("funds", funds);
        DashboardFigures.appendFilter(where, params, filter);
        if (!slice.isAll()) {
            String value = DashboardReadModel.DIMENSIONS.get(slice.dimension());
            if (value == null) {
                throw new IllegalArgumentException("No breakdown " + slice.dimension());
            }
            where.append(" AND ").append(value).append(" = :sliceValue");
            params.put("sliceValue", slice.value());
        }
        return where.toString();
    }

    private static BigDecimal awarded(String status, BigDecimal committed) {
        return DashboardReadModel.COMMITTED_STATUSES.contains("'" + status + "'") ? committed : null;
    }

    private static LocalDateTime time(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toLocalDateTime();
    }
}
