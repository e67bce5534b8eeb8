package org.kith.applications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.UUID;

import jakarta.servlet.http.Cookie;

import org.junit.jupiter.api.Test;
import org.kith.funds.Fund;
import org.kith.identity.ApiTokens;
import org.kith.identity.CurrentUser;
import org.kith.identity.UserAccounts;
import org.kith.support.Journey;
import org.kith.support.KithTest;
import org.kith.support.StatementCounter;
import org.kith.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * What a submission costs the database, counted (issue 9: the deadline rush). The counts are budgets: a change
 * that adds statements to the hottest request of the year must raise them on purpose.
 */
@KithTest
class SubmissionCostTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    TestData data;
    @Autowired
    Journey journey;
    @Autowired
    StatementCounter statements;
    @Autowired
    ApiTokens tokens;
    @Autowired
    UserAccounts accounts;

    @Test
    void aSubmissionByApiTokenReadsTheTokenWithItsPersonAndTheFundOnce() {
        Fund fund = data.fund();
        CurrentUser applicant = data.charityApplicant();
        String token = tokens.issue(accounts.account(applicant.username()).orElseThrow().id(),
                "cost " + UUID.randomUUID()).value();
        long draft = journey.draft(applicant, fund, "1000");

        List<String> sql = submit(post("/api/applications/" + draft + "/submit")
                .header("Authorization", "Bearer " + token));

        assertThat(matching(sql, "FROM api_token t JOIN app_user u")).as("the token, with its person").isEqualTo(1);
        assertThat(matching(sql, "JOIN user_role")).as("reads of the person and their roles: %s", sql)
                .isEqualTo(1);
        assertThat(matching(sql, "FROM fund WHERE id")).as("fund reads: %s", sql).isEqualTo(1);
        assertThat(sql).as("statements of one submission (Kith's and the engine's)").hasSizeLessThanOrEqualTo(
                BUDGET);
    }

    @Test
    void aSubmissionInABrowserSessionReadsTheSessionAndThePersonOnceAndWritesNeither() throws Exception {
        Fund fund = data.fund();
        CurrentUser applicant = data.charityApplicant();
        Cookie session = mvc.perform(formLogin("/sign-in").user(applicant.username()).password(TestData.PASSWORD))
                .andReturn().getResponse().getCookie("SESSION");
        long draft = journey.draft(applicant, fund, "1000");

        List<String> sql = submit(post("/api/applications/" + draft + "/submit").cookie(session).with(csrf()));

        assertThat(matching(sql, "FROM SPRING_SESSION")).as("session reads: %s", sql).isEqualTo(1);
        assertThat(sql).as("session writes").noneMatch(s -> s.toUpperCase().matches("(?s)\\s*(UPDATE|INSERT INTO|DELETE FROM) SPRING_SESSION.*"));
        assertThat(matching(sql, "JOIN user_role")).as("reads of the person and their roles: %s", sql)
                .isEqualTo(1);
        assertThat(sql).as("statements of one submission (Kith's and the engine's)").hasSizeLessThanOrEqualTo(
                BUDGET);
    }

    private List<String> submit(MockHttpServletRequestBuilder request) {
        return statements.count(() -> {
            try {
                return mvc.perform(request).andExpect(status().isOk()).andReturn();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).sql();
    }

    /**
     * Measured 2026-12-01: about 30 of Kith's own and 58 of the engine's (it writes row by row, one INSERT per
     * execution, activity, variable, task, link and history row); docs/performance.md, "Deadline rush".
     */
    static final int BUDGET = 88;

    private static long matching(List<String> sql, String fragment) {
        return sql.stream().filter(s -> s.replaceAll("\\s+", " ").contains(fragment)).count();
    }
}
