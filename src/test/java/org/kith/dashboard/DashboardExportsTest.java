package org.kith.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.time.LocalDate;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.kith.funds.Fund;
import org.kith.identity.CurrentUser;
import org.kith.organisations.Organisations;
import org.kith.support.Journey;
import org.kith.support.KithTest;
import org.kith.support.StaffRequests;
import org.kith.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/**
 * The staff exports (issue 8, item 9) and the applications behind a figure (item 5): the CSVs parsed back, row by
 * row and value by value, formula cells neutralised, a funder held to their funds, each role's answer.
 */
@KithTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardExportsTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    StaffRequests staff;
    @Autowired
    TestData data;
    @Autowired
    Journey journey;
    @Autowired
    Organisations organisations;
    @Autowired
    JdbcClient jdbc;

    KnownPortfolio portfolio;
    Fund other;
    long otherApplication;
    String today;

    @BeforeAll
    void build() {
        portfolio = KnownPortfolio.build(data, journey, organisations);
        other = data.fund();
        otherApplication = journey.submitted(data.charityApplicant(), other, "900").id();
        today = LocalDate.now().toString();
    }

    @Test
    void theApplicationsExport_roundTrips() throws Exception {
        MvcResult result = staff.get(data.admin(), "/staff/dashboard/applications.csv?fund=" + fund().id(), 200);
        assertThat(result.getResponse().getContentType()).startsWith("text/csv");
        assertThat(result.getResponse().getHeader("Content-Disposition")).startsWith("attachment")
                .contains("applications-");
        List<List<String>> rows = OpenDataTest.parse(StaffRequests.body(result));
        assertThat(rows.get(0)).isEqualTo(DashboardExports.APPLICATIONS_HEADER);
        assertThat(rows).hasSize(5);
        assertThat(rows.subList(1, 5)).extracting(r -> r.get(0)).containsExactly(reference(portfolio.offered()),
                reference(portfolio.funded()), reference(portfolio.declined()), reference(portfolio.inAssessment()));

        String name = fund().name();
        List<String> groups = portfolio.groupNames();
        assertThat(rows.get(1)).containsExactly(reference(portfolio.offered()), name, groups.get(0),
                "SCOTTISH_CHARITY", "SMALL", "City of Edinburgh", "", route(portfolio.offered()), "OFFERED",
                "2500.00", "2500.00", "0.00", today, today, "0");
        assertThat(rows.get(2)).containsExactly(reference(portfolio.funded()), name, groups.get(1),
                "SCOTTISH_CHARITY", "SMALL", "City of Edinburgh", "", route(portfolio.funded()), "FUNDED",
                "4000.00", "4000.00", paid(portfolio.funded()), today, today, "0");
        assertThat(rows.get(3)).containsExactly(reference(portfolio.declined()), name, groups.get(2),
                "UNREGISTERED_GROUP", "UNKNOWN", "", "", route(portfolio.declined()), "DECLINED", "1500.00", "",
                "0.00", today, today, "0");
        assertThat(rows.get(4)).containsExactly(reference(portfolio.inAssessment()), name,
                "'" + KnownPortfolio.FORMULA_GROUP, "UNREGISTERED_GROUP", "MICRO", "Glasgow City", "",
                route(portfolio.inAssessment()), "IN_ASSESSMENT", "1000.00", "", "0.00", today, "", "");
    }

    @Test
    void theAwardsExport_roundTrips() throws Exception {
        String csv = staff.page(data.manager(), "/staff/dashboard/awards.csv?fund=" + fund().id(), 200);
        List<List<String>> rows = OpenDataTest.parse(csv);
        assertThat(rows.get(0)).isEqualTo(DashboardExports.AWARDS_HEADER);
        assertThat(rows).hasSize(3);
        assertThat(rows.get(1)).containsExactly(reference(portfolio.offered()), fund().name(),
                portfolio.groupNames().get(0), identifier(0), "2500.00", "0.00", today, "");
        assertThat(rows.get(2)).containsExactly(reference(portfolio.funded()), fund().name(),
                portfolio.groupNames().get(1), identifier(1), "4000.00", paid(portfolio.funded()), today,
                reportStatus(portfolio.funded()));
    }

    @Test
    void theExportsFollowTheFilterAndTheFigure() throws Exception {
        CurrentUser admin = data.admin();
        assertThat(references(staff.page(admin, "/staff/dashboard/applications.csv?fund=" + fund().id()
                + "&dimension=status&value=DECLINED", 200))).containsExactly(reference(portfolio.declined()));
        assertThat(references(staff.page(admin, "/staff/dashboard/applications.csv?fund=" + fund().id()
                + "&authority=unknown", 200))).containsExactly(reference(portfolio.declined()));
        assertThat(references(staff.page(admin, "/staff/dashboard/awards.csv?fund=" + fund().id()
                + "&route=" + route(portfolio.offered()), 200))).contains(reference(portfolio.offered()));
        assertThat(references(staff.page(admin, "/staff/dashboard/applications.csv?fund=" + fund().id()
                + "&to=2020-12", 200))).isEmpty();
        // everything an admin sees holds both funds' applications, once each
        List<String> all = references(staff.page(admin, "/staff/dashboard/applications.csv", 200));
        assertThat(all).contains(reference(portfolio.offered()), reference(otherApplication)).doesNotHaveDuplicates();
    }

    @Test
    void aFunderGetsOnlyTheirFundsRows_andAnotherFundIsNotFound() throws Exception {
        CurrentUser funder = data.funderOf(fund());
        List<List<String>> rows = OpenDataTest.parse(staff.page(funder, "/staff/dashboard/applications.csv", 200));
        assertThat(rows.subList(1, rows.size())).extracting(r -> r.get(1)).containsOnly(fund().name());
        assertThat(rows).hasSize(5);
        List<List<String>> awards = OpenDataTest.parse(staff.page(funder, "/staff/dashboard/awards.csv", 200));
        assertThat(awards.subList(1, awards.size())).extracting(r -> r.get(1)).containsOnly(fund().name());

        for (String path : List.of("/staff/dashboard/applications.csv", "/staff/dashboard/awards.csv",
                "/staff/dashboard/applications")) {
            String page = staff.page(funder, path + "?fund=" + other.id(), 404);
            assertThat(page).doesNotContain(other.name()).doesNotContain(reference(otherApplication));
            staff.page(funder, path + "?fund=" + other.id() + "&dimension=status&value=SUBMITTED", 404);
        }
        String list = staff.page(funder, "/staff/dashboard/applications", 200);
        assertThat(list).contains(reference(portfolio.offered())).doesNotContain(reference(otherApplication));

        CurrentUser funderOfOther = data.funderOf(other);
        assertThat(references(staff.page(funderOfOther, "/staff/dashboard/applications.csv", 200)))
                .containsExactly(reference(otherApplication));
        assertThat(references(staff.page(funderOfOther, "/staff/dashboard/awards.csv", 200))).isEmpty();
        staff.page(funderOfOther, "/staff/dashboard/applications.csv?fund=" + fund().id(), 404);
        staff.page(data.managerOf(other), "/staff/dashboard/awards.csv?fund=" + fund().id(), 404);
    }

    @Test
    void eachRoleGetsItsAnswer() throws Exception {
        for (String path : List.of("/staff/dashboard/applications.csv", "/staff/dashboard/awards.csv",
                "/staff/dashboard/applications")) {
            String withFund = path + "?fund=" + fund().id();
            staff.page(data.admin(), withFund, 200);
            staff.page(data.manager(), withFund, 200);
            staff.page(data.managerOf(fund()), withFund, 200);
            staff.page(data.funderOf(fund()), withFund, 200);
            staff.page(data.funderOf(other), withFund, 404);
            staff.page(data.assessor(), withFund, 403);
            staff.page(data.assessor(), path, 403);
            staff.page(portfolio.applicants().get(0), withFund, 403);
            MvcResult anonymous = mvc.perform(get(withFund).accept(MediaType.TEXT_HTML)).andReturn();
            assertThat(anonymous.getResponse().getStatus()).as("anonymous %s", path).isEqualTo(302);
            assertThat(anonymous.getResponse().getRedirectedUrl()).endsWith("/sign-in");
            assertThat(mvc.perform(get(withFund)).andReturn().getResponse().getStatus()).isEqualTo(401);
        }
    }

    @Test
    void theApplicationsBehindAFigure() throws Exception {
        CurrentUser admin = data.admin();
        String base = "/staff/dashboard/applications?fund=" + fund().id();

        String declined = staff.page(admin, base + "&dimension=status&value=DECLINED", 200);
        assertThat(listed(declined)).containsExactly(reference(portfolio.declined()));
        assertThat(declined).contains("Status: Declined").contains("1 application")
                .contains("href=\"/staff/applications/" + portfolio.declined() + "\"");

        assertThat(listed(staff.page(admin, base + "&dimension=local_authority&value=Glasgow City", 200)))
                .containsExactly(reference(portfolio.inAssessment()));
        assertThat(listed(staff.page(admin, base + "&dimension=local_authority&value=City of Edinburgh", 200)))
                .containsExactlyInAnyOrder(reference(portfolio.offered()), reference(portfolio.funded()));
        String unknown = staff.page(admin, base + "&dimension=local_authority&value=", 200);
        assertThat(listed(unknown)).containsExactly(reference(portfolio.declined()));
        assertThat(unknown).contains("Local authority: Unknown");
        assertThat(listed(staff.page(admin, base + "&dimension=income_band&value=MICRO", 200)))
                .containsExactly(reference(portfolio.inAssessment()));
        assertThat(listed(staff.page(admin, base + "&dimension=decile&value=", 200))).hasSize(4);
        assertThat(listed(staff.page(admin, base + "&dimension=returning&value=RETURNING", 200))).isEmpty();
        assertThat(listed(staff.page(admin, base + "&dimension=status&value=NO_SUCH", 200))).isEmpty();

        String all = staff.page(admin, base, 200);
        assertThat(listed(all)).hasSize(4);
        assertThat(all).contains("=HYPERLINK(&quot;x&quot;)").doesNotContain("=HYPERLINK(\"x\")");
        assertThat(all).contains("href=\"/staff/dashboard/applications.csv?fund=" + fund().id() + "\"");

        // the figure combines with the filter
        assertThat(listed(staff.page(admin, base + "&authority=City of Edinburgh&dimension=status&value=FUNDED", 200)))
                .containsExactly(reference(portfolio.funded()));
    }

    @Test
    void theListIsPaged_25ToAPage_newestFirst_keepingTheFigureInItsLinks() throws Exception {
        Fund busy = data.fund();
        List<String> submitted = new java.util.ArrayList<>();
        for (int i = 0; i < 27; i++) {
            submitted.add(journey.submitted(data.charityApplicant(), busy, "1000").reference());
        }
        java.util.Collections.reverse(submitted);
        CurrentUser admin = data.admin();
        String base = "/staff/dashboard/applications?fund=" + busy.id() + "&dimension=status&value=IN_ASSESSMENT";
        String first = staff.page(admin, base, 200);
        assertThat(first).contains("27 applications").contains("Page 1 of 2");
        assertThat(listed(first)).containsExactlyElementsOf(submitted.subList(0, 25));
        String next = "/staff/dashboard/applications?fund=" + busy.id()
                + "&amp;dimension=status&amp;value=IN_ASSESSMENT&amp;page=1";
        assertThat(first).contains("href=\"" + next + "\"").doesNotContain("rel=\"prev\"");
        String second = staff.page(admin, base + "&page=1", 200);
        assertThat(listed(second)).containsExactlyElementsOf(submitted.subList(25, 27));
        String back = next.replace("page=1", "page=0");
        assertThat(second).contains("Page 2 of 2").contains("href=\"" + back + "\" rel=\"prev\"")
                .contains("aria-label=\"Page 2 of 2\"").doesNotContain("rel=\"next\"");
        // the export holds them all, in id order
        List<String> exported = references(staff.page(admin, "/staff/dashboard/applications.csv?fund=" + busy.id(),
                200));
        java.util.Collections.reverse(submitted);
        assertThat(exported).containsExactlyElementsOf(submitted);
    }

    @Test
    void anAddressThatCannotBeListedIsA400SayingWhy() throws Exception {
        CurrentUser admin = data.admin();
        String base = "/staff/dashboard/applications?fund=" + fund().id();
        assertThat(staff.page(admin, base + "&dimension=colour&value=red", 400))
                .contains("This list cannot be shown").contains("There is no breakdown called “colour”")
                .contains("status, local_authority");
        assertThat(staff.page(admin, base + "&dimension=status", 400))
                .contains("Say which value of the breakdown “status” to list");
        assertThat(staff.page(admin, "/staff/dashboard/applications?from=2026-13", 400))
                .contains("Enter the first month as a year and month, like 2026-04");
        assertThat(staff.page(admin, "/staff/dashboard/applications.csv?fund=abc", 400))
                .contains("Choose a fund from the list");
        assertThat(staff.page(admin, "/staff/dashboard/awards.csv?dimension=x&value=", 400))
                .contains("There is no breakdown called “x”");
        // a page number typed by hand is never an error
        assertThat(listed(staff.page(admin, base + "&page=x", 200))).hasSize(4);
        assertThat(listed(staff.page(admin, base + "&page=7", 200))).isEmpty();
    }

    private Fund fund() {
        return portfolio.fund();
    }

    private String reference(long applicationId) {
        return journey.application(applicationId).reference();
    }

    private String route(long applicationId) {
        return jdbc.sql("SELECT COALESCE(route, '') FROM application WHERE id = :id").param("id", applicationId)
                .query(String.class).single();
    }

    private String paid(long applicationId) {
        return jdbc.sql("SELECT COALESCE(SUM(amount), 0) FROM payment WHERE application_id = :id AND paid_at IS NOT NULL")
                .param("id", applicationId).query(java.math.BigDecimal.class).single().setScale(2).toPlainString();
    }

    private String reportStatus(long applicationId) {
        return jdbc.sql("SELECT status FROM grant_report WHERE application_id = :id").param("id", applicationId)
                .query(String.class).optional().orElse("");
    }

    private String identifier(int applicant) {
        return organisations.find(portfolio.applicants().get(applicant).organisationId()).orElseThrow()
                .orgIdentifier();
    }

    private static List<String> references(String csv) {
        List<List<String>> rows = OpenDataTest.parse(csv);
        return rows.subList(1, rows.size()).stream().map(r -> r.get(0)).collect(Collectors.toList());
    }

    /** The references in the list's table, in order. */
    private static List<String> listed(String page) {
        java.util.regex.Matcher m = java.util.regex.Pattern
                .compile("href=\"/staff/applications/\\d+\">([^<]+)</a>").matcher(page);
        List<String> found = new java.util.ArrayList<>();
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }
}
