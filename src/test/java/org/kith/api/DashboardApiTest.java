package org.kith.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.kith.dashboard.KnownPortfolio;
import org.kith.funds.Fund;
import org.kith.identity.CurrentUser;
import org.kith.organisations.Organisations;
import org.kith.support.Journey;
import org.kith.support.KithTest;
import org.kith.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@code GET /api/dashboard} (issue 8, item 9): the dashboards' figures as JSON, right for a known portfolio; a
 * funder sees only their funds, and another fund does not exist for them; other roles are refused.
 */
@KithTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardApiTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    ObjectMapper json;
    @Autowired
    TestData data;
    @Autowired
    Journey journey;
    @Autowired
    Organisations organisations;

    Api api;
    KnownPortfolio portfolio;
    Fund other;

    @BeforeAll
    void build() {
        api = new Api(mvc, json);
        portfolio = KnownPortfolio.build(data, journey, organisations);
        other = data.fund();
        journey.submitted(data.charityApplicant(), other, "900");
    }

    @Test
    void theFiguresOfAKnownPortfolio() {
        JsonNode d = api.get(data.admin(), "/api/dashboard?fundId=" + fund().id()).expect(200).body();
        assertThat(d.path("filter").path("fundId").asLong()).isEqualTo(fund().id());

        JsonNode p = d.path("portfolio");
        assertThat(p.path("applications").asLong()).isEqualTo(4);
        assertThat(p.path("decided").asLong()).isEqualTo(3);
        assertThat(p.path("offered").asLong()).isEqualTo(2);
        assertThat(p.path("successRate").asDouble()).isCloseTo(2.0 / 3, within(1e-9));
        assertThat(p.path("amountRequested").decimalValue()).isEqualByComparingTo("9000");
        assertThat(p.path("awards").asLong()).isEqualTo(2);
        assertThat(p.path("awardsRequested").decimalValue()).isEqualByComparingTo("6500");
        assertThat(p.path("awarded").decimalValue()).isEqualByComparingTo("6500");
        assertThat(p.path("committed").decimalValue()).isEqualByComparingTo("6500");
        assertThat(p.path("paid").decimalValue()).isEqualByComparingTo("0");
        assertThat(p.path("budget").decimalValue()).isEqualByComparingTo(fund().budget());
        assertThat(p.path("remaining").decimalValue()).isEqualByComparingTo(fund().budget().subtract(
                new java.math.BigDecimal("6500")));
        assertThat(p.path("daysToDecision").path("count").asLong()).isEqualTo(3);
        assertThat(p.path("daysToDecision").path("median").asInt()).isZero();
        assertThat(p.path("targetDays").asInt()).isEqualTo(56);

        assertThat(d.path("funds")).hasSize(1);
        assertThat(d.path("funds").get(0).path("slug").asText()).isEqualTo(fund().slug());
        assertThat(d.path("funds").get(0).path("portfolio")).isEqualTo(p);

        assertThat(counts(d.path("byStatus"))).containsExactlyInAnyOrderEntriesOf(
                Map.of("OFFERED", 1L, "FUNDED", 1L, "DECLINED", 1L, "IN_ASSESSMENT", 1L));
        JsonNode where = d.path("whereItWent");
        assertThat(counts(where.path("byLocalAuthority"))).containsExactlyInAnyOrderEntriesOf(
                Map.of("City of Edinburgh", 2L, "Glasgow City", 1L, "", 1L));
        assertThat(where.path("byLocalAuthority").get(0).path("awarded").decimalValue()).isEqualByComparingTo("6500");
        assertThat(counts(where.path("byIncomeBand"))).containsExactlyInAnyOrderEntriesOf(
                Map.of("SMALL", 2L, "MICRO", 1L, "UNKNOWN", 1L));
        assertThat(counts(where.path("byReturning"))).containsExactlyInAnyOrderEntriesOf(Map.of("FIRST_TIME", 4L));
        assertThat(where.path("byDeprivationDecile")).hasSize(11);
        assertThat(d.path("achievements").path("reportsAccepted").asLong()).isZero();
        JsonNode all = d.path("burden").get(d.path("burden").size() - 1);
        assertThat(all.path("route").asText()).isEqualTo("ALL");
        assertThat(all.path("applications").asLong()).isEqualTo(4);
        assertThat(all.path("awarded").decimalValue()).isEqualByComparingTo("6500");

        // the filter's own name for the fund gives the same figures; both names of the same fund too
        assertThat(api.get(data.admin(), "/api/dashboard?fund=" + fund().id()).expect(200).body().path("portfolio"))
                .isEqualTo(p);
        assertThat(api.get(data.admin(), "/api/dashboard?fundId=" + fund().id() + "&fund=" + fund().id())
                .expect(200).body().path("portfolio")).isEqualTo(p);
        // a period by month of submission: this month has all four, last year none
        String thisMonth = java.time.YearMonth.now().toString();
        JsonNode period = api.get(data.admin(), "/api/dashboard?fundId=" + fund().id() + "&from=" + thisMonth
                + "&to=" + thisMonth).expect(200).body();
        assertThat(period.path("filter").path("from").asText()).isEqualTo(thisMonth);
        assertThat(period.path("portfolio").path("applications").asLong()).isEqualTo(4);
        assertThat(api.get(data.admin(), "/api/dashboard?fundId=" + fund().id() + "&to=2020-12").expect(200).body()
                .path("portfolio").path("applications").asLong()).isZero();
        // the filter narrows: the Glasgow group only, and the unknown area only
        assertThat(api.get(data.admin(), "/api/dashboard?fundId=" + fund().id() + "&authority=Glasgow City")
                .expect(200).body().path("portfolio").path("applications").asLong()).isEqualTo(1);
        JsonNode unknown = api.get(data.admin(), "/api/dashboard?fundId=" + fund().id() + "&authority=unknown")
                .expect(200).body().path("portfolio");
        assertThat(unknown.path("applications").asLong()).isEqualTo(1);
        assertThat(unknown.path("decided").asLong()).isEqualTo(1);
        assertThat(unknown.path("offered").asLong()).isZero();
    }

    @Test
    void aFunderSeesOnlyTheirFunds_andAnotherFundDoesNotExistForThem() {
        CurrentUser funder = data.funderOf(fund());
        JsonNode mine = api.get(funder, "/api/dashboard").expect(200).body();
        assertThat(fundIds(mine)).containsExactly(fund().id());
        assertThat(mine.path("portfolio").path("applications").asLong()).isEqualTo(4);
        assertThat(api.get(funder, "/api/dashboard?fundId=" + fund().id()).expect(200).body().path("portfolio")
                .path("applications").asLong()).isEqualTo(4);

        api.get(funder, "/api/dashboard?fundId=" + other.id()).expectProblem(404);
        api.get(funder, "/api/dashboard?fund=" + other.id()).expectProblem(404);
        api.get(funder, "/api/dashboard?fundId=" + other.id() + "&from=2026-01").expectProblem(404);
        api.get(funder, "/api/dashboard?fundId=999999999").expectProblem(404);
        assertThat(api.get(funder, "/api/dashboard?fundId=" + other.id()).text()).doesNotContain(other.name());

        CurrentUser funderOfOther = data.funderOf(other);
        assertThat(fundIds(api.get(funderOfOther, "/api/dashboard").expect(200).body())).containsExactly(other.id());
        api.get(funderOfOther, "/api/dashboard?fundId=" + fund().id()).expectProblem(404);
    }

    @Test
    void fundManagersAndAdminsSeeTheirFunds() {
        assertThat(fundIds(api.get(data.admin(), "/api/dashboard").expect(200).body()))
                .contains(fund().id(), other.id());
        assertThat(fundIds(api.get(data.manager(), "/api/dashboard").expect(200).body()))
                .contains(fund().id(), other.id());
        CurrentUser managerOfOther = data.managerOf(other);
        assertThat(fundIds(api.get(managerOfOther, "/api/dashboard").expect(200).body())).containsExactly(other.id());
        api.get(managerOfOther, "/api/dashboard?fundId=" + fund().id()).expectProblem(404);
    }

    @Test
    void otherRolesAreRefused_andAnonymousMustSignIn() {
        api.get(data.assessor(), "/api/dashboard").expectProblem(403);
        api.get(data.assessor(), "/api/dashboard?fundId=" + fund().id()).expectProblem(403);
        api.get(portfolio.applicants().get(0), "/api/dashboard").expectProblem(403);
        api.get(portfolio.applicants().get(0), "/api/dashboard?fundId=" + fund().id()).expectProblem(403);
        api.get(null, "/api/dashboard").expectProblem(401);
        api.get(null, "/api/dashboard?fundId=" + fund().id()).expectProblem(401);
    }

    @Test
    void whatCannotBeReadIsA400NamingTheField() {
        CurrentUser admin = data.admin();
        assertThat(api.get(admin, "/api/dashboard?from=2026-13").expectProblem(400).errorFields())
                .containsExactly("from");
        assertThat(api.get(admin, "/api/dashboard?from=2026-09&to=2026-04").expectProblem(400).errorFields())
                .containsExactly("to");
        assertThat(api.get(admin, "/api/dashboard?fundId=abc&route=SLOW").expectProblem(400).errorFields())
                .containsExactly("fundId", "route");
        assertThat(api.get(admin, "/api/dashboard?fundId=" + fund().id() + "&fund=" + other.id())
                .expectProblem(400).errorFields()).containsExactly("fundId");
        assertThat(api.get(admin, "/api/dashboard?fund=x1").expectProblem(400).errorFields())
                .containsExactly("fund");
    }

    @Test
    void theOpenApiDescriptionListsTheEndpointAndItsParameters() {
        JsonNode get = api.get(null, "/v3/api-docs").expect(200).body().path("paths").path("/api/dashboard")
                .path("get");
        List<String> names = new java.util.ArrayList<>();
        get.path("parameters").forEach(param -> names.add(param.path("name").asText()));
        assertThat(names).containsExactlyInAnyOrder("fundId", "fund", "from", "to", "authority", "route");
    }

    private Fund fund() {
        return portfolio.fund();
    }

    private static Map<String, Long> counts(JsonNode list) {
        Map<String, Long> counts = new HashMap<>();
        list.forEach(c -> counts.put(c.path("value").asText(), c.path("applications").asLong()));
        return counts;
    }

    private static List<Long> fundIds(JsonNode dashboard) {
        List<Long> ids = new java.util.ArrayList<>();
        dashboard.path("funds").forEach(f -> ids.add(f.path("fundId").asLong()));
        return ids;
    }
}
