package org.kith.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.kith.applications.ApplicationStatus;
import org.kith.identity.CurrentUser;
import org.kith.support.KithTest;
import org.kith.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.servlet.MockMvc;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;

/**
 * A database restart drops every connection Kith holds. Kith must carry on by itself, with no node restart:
 * at worst the first request after it is told to try again. Runs on MySQL/MariaDB (CI), where the server
 * can be told to drop connections; skipped on H2.
 */
@KithTest
class DatabaseRestartTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    ObjectMapper json;
    @Autowired
    TestData data;
    @Autowired
    DataSource dataSource;

    @Test
    void afterTheServerDropsEveryConnection_theNextRequestsWorkWithoutRestartingKith() throws Exception {
        assumeTrue(onMySql(), "needs MySQL/MariaDB, which CI runs");
        Api api = new Api(mvc, json);
        CurrentUser applicant = data.charityApplicant();
        api.get(applicant, "/api/applications").expect(200);

        assertThat(dropEveryConnection()).as("pooled connections dropped").isPositive();

        // The pool trusts a connection used within the last half second without a check, so the first request
        // may meet a dead one: it must say "try again" (503), never fail with a 500. Hikari then drops it.
        Api.Reply first = api.get(applicant, "/api/applications");
        if (first.status() != 200) {
            first.expectProblem(503);
            assertThat(first.header(HttpHeaders.RETRY_AFTER)).isNotBlank();
        }
        api.get(applicant, "/api/applications").expect(200);
        long id = api.createAndSubmit(applicant, data.fund(), "After the restart", "3000.00");
        assertThat(api.application(applicant, id).expect(200).body().path("status").asText())
                .isEqualTo(ApplicationStatus.IN_ASSESSMENT.name());
    }

    private boolean onMySql() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return connection.getMetaData().getDatabaseProductName().toLowerCase().matches(".*(mysql|mariadb).*");
        }
    }

    /** What a restart does to the pool: from a connection of its own, the server ends every one of Kith's. */
    private int dropEveryConnection() throws SQLException {
        HikariDataSource pool = dataSource.unwrap(HikariDataSource.class);
        try (Connection outside = DriverManager.getConnection(pool.getJdbcUrl(), pool.getUsername(), pool.getPassword());
                Statement statement = outside.createStatement()) {
            List<Long> pooled = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery("""
                    SELECT ID FROM information_schema.PROCESSLIST
                    WHERE USER = SUBSTRING_INDEX(CURRENT_USER(), '@', 1) AND ID <> CONNECTION_ID()""")) {
                while (rows.next()) {
                    pooled.add(rows.getLong(1));
                }
            }
            for (long threadId : pooled) {
                statement.execute("KILL CONNECTION " + threadId);
            }
            return pooled.size();
        }
    }
}
