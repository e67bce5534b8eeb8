package org.kith.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kith.funds.Fund;
import org.kith.identity.CurrentUser;
import org.kith.support.KithTest;
import org.kith.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The queries a deadline rush runs on every request or submission, each on an index that fits it, as MySQL/MariaDB
 * plans them (EXPLAIN). Runs where the tests run on MySQL/MariaDB (CI); H2 plans differently and is skipped.
 * The group has a few hundred applications in other funds and statuses, so a plan that reads them all shows.
 */
@KithTest
class HotQueryPlansTest {

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    DataSource dataSource;
    @Autowired
    TestData data;

    CurrentUser group;
    Fund fund;

    @BeforeEach
    void aGroupWithAHistory() throws Exception {
        try (var connection = dataSource.getConnection()) {
            String product = connection.getMetaData().getDatabaseProductName().toLowerCase();
            assumeTrue(product.contains("mysql") || product.contains("mariadb"), "EXPLAIN plans are MySQL/MariaDB's");
        }
        group = data.charityApplicant();
        fund = data.fund();
        List<Fund> others = List.of(data.fund(), data.fund(), data.fund());
        List<Object[]> rows = new ArrayList<>();
        String[] statuses = {"DECLINED", "WITHDRAWN", "INELIGIBLE", "LAPSED", "OFFER_LAPSED"};
        for (int i = 0; i < 300; i++) {
            rows.add(new Object[] {others.get(i % others.size()).id(), group.organisationId(), statuses[i % statuses.length]});
        }
        jdbc.batchUpdate("""
                INSERT INTO application (fund_id, organisation_id, created_by, title, answers, status,
                  amount_requested, created_at, updated_at, submitted_at)
                VALUES (?, ?, 'plans', 'Earlier application', '{}', ?, 1000, NOW(6), NOW(6), NOW(6))""", rows);
        jdbc.execute("ANALYZE TABLE application");
    }

    /** The shared test database keeps no half-made applications for other tests' lists and exports. */
    @AfterEach
    void removeTheHistory() {
        if (group != null) {
            jdbc.update("DELETE FROM application WHERE created_by = 'plans' AND organisation_id = ?",
                    group.organisationId());
        }
    }

    @Test
    void theRoutingsFirstTimeQuestionReadsOnlyTheGroupsFundedApplications() {
        Map<String, Object> plan = explain("SELECT COUNT(*) FROM application WHERE organisation_id = "
                + group.organisationId() + " AND status IN ('FUNDED', 'CLOSED')");
        assertThat(plan.get("key")).isEqualTo("ix_application_organisation_status");
        assertThat(rows(plan)).isLessThan(10);
    }

    @Test
    void oneGrantAtATimeReadsOnlyTheGroupsApplicationsToThisFund() {
        Map<String, Object> plan = explain("SELECT COUNT(*) FROM application WHERE organisation_id = "
                + group.organisationId() + " AND fund_id = " + fund.id() + " AND id <> 0"
                + " AND status IN ('OFFERED', 'FUNDED')");
        assertThat(plan.get("key")).isEqualTo("ix_application_organisation");
        assertThat(rows(plan)).isLessThan(10);
    }

    @Test
    void everyRequestsLookupsUseTheirUniqueKeys() {
        assertUses("SELECT id FROM app_user WHERE username = '" + group.username() + "'", "uq_app_user_username");
        assertUses("SELECT id FROM api_token WHERE token_prefix = 'abcdefghijkl'", "uq_api_token_prefix");
        assertUses("UPDATE dashboard_application SET stale = 1 WHERE application_id = 1", "PRIMARY");
        assertUses("SELECT DISTINCT fund_id, period_month FROM dashboard_application WHERE stale = 1",
                "ix_dashboard_application_stale");
    }

    /** The index is used, or (a unique key asked for a value that is not there) the plan ended on it at once. */
    private void assertUses(String sql, String index) {
        Map<String, Object> plan = explain(sql);
        if (plan.get("key") == null) {
            assertThat(String.valueOf(plan.get("Extra"))).as(sql).containsAnyOf("const table", "Impossible WHERE");
        } else {
            assertThat(plan.get("key")).as(sql).isEqualTo(index);
        }
    }

    private static long rows(Map<String, Object> plan) {
        return Long.parseLong(String.valueOf(plan.get("rows")));
    }

    private Map<String, Object> explain(String sql) {
        List<Map<String, Object>> plan = jdbc.queryForList("EXPLAIN " + sql);
        assertThat(plan).as(sql).isNotEmpty();
        Map<String, Object> first = plan.get(0);
        assertThat(first.get("type")).as("no full scan: " + sql).isNotEqualTo("ALL");
        return first;
    }
}
