package org.kith.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.kith.funds.Fund;
import org.kith.identity.CurrentUser;
import org.kith.identity.Role;
import org.kith.organisations.LegalForm;
import org.kith.organisations.Organisations;
import org.kith.support.Journey;
import org.kith.support.KithTest;
import org.kith.support.StaffRequests;
import org.kith.support.TestData;
import org.kith.workflow.TaskKeys;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/**
 * The funder dashboards' pages and CSV over a small known portfolio built through the lifecycle: every number on
 * the page and in the CSV (read back), the filters, bad filters, and who may see which fund.
 */
@KithTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardPagesTest {

    @Autowired
    Journey journey;
    @Autowired
    TestData data;
    @Autowired
    StaffRequests staff;
    @Autowired
    Organisations organisations;
    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;

    Fund fundA;
    Fund fundB;
    long funded;

    /**
     * Fund A: a light-touch grant of 2,500 to a Scottish charity in Edinburgh (report accepted: 37 people, 2,450
     * spent), a full-assessment offer of 6,000 to another, a declined light-touch application of 1,500, and 1,000
     * asked by an unregistered group in Fife whose income we do not know, not yet decided. Fund B: one grant with
     * its own story.
     */
    @BeforeAll
    void portfolio() {
        fundA = named("Dashboard fund A " + UUID.randomUUID().toString().substring(0, 8));
        fundB = named("Dashboard fund B " + UUID.randomUUID().toString().substring(0, 8));
        CurrentUser reporter = data.charityApplicant();
        funded = journey.funded(reporter, fundA, "2500");
        journey.complete(reporter, funded, TaskKeys.SUBMIT_REPORT, Map.of("whatWeDid", "Forty lunches",
                "differenceItMade", "Friendships across the stair", "whatWeLearned", "Tuesdays suit best",
                "peopleReached", 37, "amountSpent", new BigDecimal("2450.00")));
        journey.complete(data.manager(), funded, TaskKeys.REVIEW_REPORT, Map.of("outcome", "ACCEPT"));
        journey.offered(data.charityApplicant(), fundA, "6000");
        long declined = journey.submitted(data.charityApplicant(), fundA, "1500").id();
        journey.assessAll(declined);
        journey.complete(data.manager(), declined, TaskKeys.DECIDE_APPLICATION,
                Map.of("outcome", "DECLINE", "reason", "We funded similar work nearby."));
        long fife = organisations.create("Fife group " + UUID.randomUUID(), LegalForm.UNREGISTERED_GROUP, null,
                "KY1 1AA", "Fife", null);
        journey.submitted(data.person("applicant-" + UUID.randomUUID(), fife, Role.APPLICANT), fundA, "1000");

        CurrentUser other = data.charityApplicant();
        long inB = journey.funded(other, fundB, "3000");
        journey.complete(other, inB, TaskKeys.SUBMIT_REPORT, Map.of("whatWeDid", "Gardening",
                "differenceItMade", "Fund B secret garden", "whatWeLearned", "Fund B lesson",
                "peopleReached", 5, "amountSpent", new BigDecimal("3000.00")));
        journey.complete(data.manager(), inB, TaskKeys.REVIEW_REPORT, Map.of("outcome", "ACCEPT"));
    }

    @Test
    void theFundsNumbersAreOnThePageAndInEveryCsv() throws Exception {
        CurrentUser admin = data.admin();
        String page = staff.page(admin, "/staff/dashboard?fund=" + fundA.id(), 200);
        assertThat(page).contains(fundA.name(), "£8,500", "£11,000", "City of Edinburgh", "Fife", "Unknown",
                "Scottish charity (registered with OSCR)", "A group that is not registered", "Not known",
                "£10,000 to £99,999", "Funded", "Offer made", "Not funded", "Light-touch", "Full assessment",
                "Download as CSV", "<svg", "aria-hidden=\"true\"", "<caption", "scope=\"row\"",
                "1 (most deprived 10%)", "Light-touch should be light")
                .doesNotContain("style=");
        String behind = "/staff/dashboard/applications?fund=" + fundA.id();
        assertThat(page).contains(behind + "&amp;dimension=local_authority&amp;value=Fife",
                behind + "&amp;dimension=status&amp;value=FUNDED", behind + "&amp;dimension=all&amp;value=",
                behind + "&amp;dimension=decile&amp;value=\"",
                "/staff/dashboard/stories?fund=" + fundA.id(), "/staff/dashboard/burden.csv?fund=" + fundA.id());

        String a = "?fund=" + fundA.id();
        assertThat(csv(admin, "money", a)).contains(List.of("Budget", plain(fundA.budget())),
                List.of("Committed", "8500.00"), List.of("Paid", "0.00"),
                List.of("Remaining", plain(fundA.budget().subtract(new BigDecimal("8500")))));
        assertThat(csv(admin, "status", a)).contains(List.of("Funded", "1"), List.of("Offer made", "1"),
                List.of("Not funded", "1"));
        assertThat(csv(admin, "outcomes", a)).contains(List.of("Applications sent", "4"), List.of("Decided", "3"),
                List.of("Offered a grant", "2"), List.of("Success rate", "66.7"));
        assertThat(csv(admin, "asked-awarded", a)).contains(List.of("Asked for by all applications", "11000.00"),
                List.of("Asked for by the groups awarded", "8500.00"), List.of("Awarded", "8500.00"));
        List<List<String>> time = csv(admin, "decision-time", a);
        assertThat(time).contains(List.of("Decisions made", "3"),
                List.of("The fund's target", String.valueOf(fundA.timeLimits().decisionWeeks() * 7)));
        assertThat(csv(admin, "local-authority", a)).containsExactly(
                List.of("Local authority", "Applications", "Awards", "Amount awarded"),
                List.of("City of Edinburgh", "3", "2", "8500.00"), List.of("Fife", "1", "0", "0.00"));
        assertThat(csv(admin, "income-band", a)).contains(List.of("£10,000 to £99,999", "3", "2", "8500.00"),
                List.of("Not known", "1", "0", "0.00"));
        assertThat(csv(admin, "legal-form", a)).contains(
                List.of("Scottish charity (registered with OSCR)", "3", "2", "8500.00"),
                List.of("A group that is not registered", "1", "0", "0.00"));
        assertThat(csv(admin, "returning", a)).contains(List.of("First time", "4", "2", "8500.00"));
        assertThat(csv(admin, "deprivation", a)).contains(List.of("1 (most deprived 10%)", "0", "0", "0.00"),
                List.of("Unknown", "4", "2", "8500.00"));
        assertThat(csv(admin, "achievements", a)).contains(List.of("Reports accepted", "1"),
                List.of("People reached", "37"), List.of("Awarded on those grants", "2500.00"),
                List.of("Spent, as reported", "2450.00"), List.of("Reports overdue", "0"));
        List<List<String>> burden = csv(admin, "burden", a);
        assertThat(burden.get(0)).containsExactly("Measure", "Light-touch", "Full assessment", "All routes");
        assertThat(burden).contains(List.of("Applications", "2", "2", "4"), List.of("Awards", "1", "1", "2"),
                List.of("Amount awarded", "2500.00", "6000.00", "8500.00"));

        MvcResult file = staff.get(admin, "/staff/dashboard/legal-form.csv" + a, 200);
        assertThat(file.getResponse().getContentType()).startsWith("text/csv");
        assertThat(file.getResponse().getHeader("Content-Disposition"))
                .isEqualTo("attachment; filename=\"dashboard-" + fundA.slug() + "-legal-form.csv\"");
        assertThat(staff.statusOf(admin, "/staff/dashboard/nothing.csv" + a)).isEqualTo(404);
    }

    @Test
    void thePortfolioListsEachFundWithALinkToItsOwnDashboard() throws Exception {
        CurrentUser both = data.funderOf(fundA, fundB);
        String page = staff.page(both, "/staff/dashboard", 200);
        assertThat(page).contains(fundA.name(), fundB.name(), "/staff/dashboard?fund=" + fundA.id(),
                "Committed by fund", "Each fund has its own target");
        assertThat(csv(both, "funds", "")).containsExactly(
                List.of("Fund", "Budget", "Committed", "Paid", "Remaining", "Applications", "Success rate",
                        "Median days to decision", "Target days"),
                fundRow(fundA, "8500", "4", "66.7"), fundRow(fundB, "3000", "1", "100.0"));
        assertThat(csv(both, "money", "")).contains(List.of("Committed", "11500.00"));
        assertThat(csv(staff.withRole(Role.ADMIN), "funds", "")).extracting(row -> row.get(0))
                .contains(fundA.name(), fundB.name());
        assertThat(staff.statusOf(both, "/staff/dashboard/funds.csv?fund=" + fundA.id())).isEqualTo(404);
    }

    @Test
    void filtersNarrowTheFigures() throws Exception {
        CurrentUser manager = data.manager();
        String a = "?fund=" + fundA.id();
        assertThat(csv(manager, "outcomes", a + "&authority=Fife")).contains(List.of("Applications sent", "1"));
        assertThat(csv(manager, "outcomes", a + "&route=FULL")).contains(List.of("Applications sent", "2"),
                List.of("Offered a grant", "1"));
        assertThat(csv(manager, "outcomes", a + "&from=2001-01&to=2001-02"))
                .contains(List.of("Applications sent", "0"));
        assertThat(csv(manager, "outcomes", a + "&from=2000-01")).contains(List.of("Applications sent", "4"));
        String page = staff.page(manager, "/staff/dashboard" + a + "&authority=Fife&route=LIGHT_TOUCH", 200);
        assertThat(page).contains("These figures are filtered", "<option value=\"Fife\" selected=\"selected\">",
                "&amp;authority=Fife&amp;route=LIGHT_TOUCH&amp;dimension=");
        assertThat(staff.page(manager, "/staff/dashboard/stories" + a + "&authority=Fife", 200))
                .contains("No accepted reports yet").doesNotContain("Friendships across the stair");
    }

    @Test
    void aFilterThatDoesNotParseIsShownBackWithWhatToFix() throws Exception {
        CurrentUser admin = data.admin();
        String page = staff.page(admin, "/staff/dashboard?fund=" + fundA.id() + "&from=2026-13&to=banana&route=FAST",
                400);
        assertThat(page).contains("There is a problem", "Enter the first month as a year and month, like 2026-04",
                "Enter the last month as a year and month, like 2026-09", "Choose light-touch or full assessment",
                "value=\"2026-13\"", "value=\"banana\"", "govuk-input--error")
                .doesNotContain("Download as CSV");
        assertThat(staff.page(admin, "/staff/dashboard?from=2026-09&to=2026-04", 400))
                .contains("The last month must be the same as or after the first month");
        assertThat(staff.page(admin, "/staff/dashboard?fund=abc", 400)).contains("Choose a fund from the list");
        assertThat(staff.statusOf(admin, "/staff/dashboard/money.csv?fund=" + fundA.id() + "&to=2026-99"))
                .isEqualTo(400);
        assertThat(staff.statusOf(admin, "/staff/dashboard/stories?fund=x")).isEqualTo(400);
        assertThat(staff.statusOf(admin, "/staff/dashboard/stories?fund=" + fundA.id() + "&page=zz")).isEqualTo(200);
    }

    @Test
    void theStoriesArePagedBy25_theSecondPageLinkingBackToTheFirst() throws Exception {
        Fund many = data.fund();
        for (int i = 0; i <= DashboardStories.PAGE_SIZE; i++) {
            long id = journey.submitted(data.charityApplicant(), many, "1000").id();
            jdbc.sql("""
                    INSERT INTO grant_report (application_id, due_on, status, difference_it_made, reviewed_at)
                    VALUES (:id, :due, 'ACCEPTED', 'A story', :reviewed)""").param("id", id)
                    .param("due", LocalDate.now()).param("reviewed", LocalDateTime.now()).update();
        }
        CurrentUser admin = data.admin();
        String stories = "/staff/dashboard/stories?fund=" + many.id();

        assertThat(staff.page(admin, stories, 200)).contains("aria-label=\"What groups said their grant achieved\"",
                "href=\"" + stories + "&amp;page=2\" rel=\"next\"",
                "<span class=\"govuk-pagination__link-label\">page 2 of 2</span>").doesNotContain("rel=\"prev\"");
        String second = staff.page(admin, stories + "&page=2", 200);
        assertThat(second).contains("<div class=\"govuk-pagination__prev\">", "govuk-pagination__icon--prev",
                "href=\"" + stories + "&amp;page=1\" rel=\"prev\"",
                "<span class=\"govuk-pagination__link-label\">page 1 of 2</span>").doesNotContain("rel=\"next\"");
    }

    @Test
    void aFunderOfFundASeesNothingOfFundB() throws Exception {
        CurrentUser funder = data.funderOf(fundA);
        String b = "?fund=" + fundB.id();
        assertThat(staff.statusOf(funder, "/staff/dashboard" + b)).isEqualTo(404);
        assertThat(staff.statusOf(funder, "/staff/dashboard/money.csv" + b)).isEqualTo(404);
        assertThat(staff.statusOf(funder, "/staff/dashboard/stories" + b)).isEqualTo(404);
        assertThat(staff.statusOf(funder, "/staff/dashboard?fund=999999999")).isEqualTo(404);

        String portfolio = staff.page(funder, "/staff/dashboard", 200);
        assertThat(portfolio).contains(fundA.name()).doesNotContain(fundB.name());
        assertThat(csv(funder, "funds", "")).extracting(row -> row.get(0)).containsExactly("Fund", fundA.name());
        assertThat(csv(funder, "money", "")).contains(List.of("Committed", "8500.00"));

        String stories = staff.page(funder, "/staff/dashboard/stories", 200);
        assertThat(stories).contains("Friendships across the stair", "Tuesdays suit best", "37", "£2,450")
                .doesNotContain("Fund B secret garden", fundB.name());
        assertThat(staff.page(funder, "/staff/dashboard/stories?fund=" + fundA.id(), 200))
                .contains("Friendships across the stair", "Showing 1 to 1 of 1 reports");
        assertThat(staff.page(funder, "/staff", 200)).contains("/staff/dashboard");
    }

    @Test
    void otherRolesAreRefusedAndStrangersSentToSignIn() throws Exception {
        for (CurrentUser who : List.of(data.assessor(), data.charityApplicant())) {
            assertThat(staff.statusOf(who, "/staff/dashboard")).isEqualTo(403);
            assertThat(staff.statusOf(who, "/staff/dashboard?fund=" + fundA.id())).isEqualTo(403);
            assertThat(staff.statusOf(who, "/staff/dashboard/money.csv?fund=" + fundA.id())).isEqualTo(403);
            assertThat(staff.statusOf(who, "/staff/dashboard/stories")).isEqualTo(403);
            assertThat(staff.statusOf(who, "/staff/dashboard?from=nonsense")).isEqualTo(403);
        }
        for (String path : List.of("/staff/dashboard", "/staff/dashboard/money.csv", "/staff/dashboard/stories")) {
            mvc.perform(get(path).accept(MediaType.TEXT_HTML)).andExpect(status().is3xxRedirection())
                    .andExpect(redirectedUrlPattern("**/sign-in"));
        }
        assertThat(staff.page(data.assessor(), "/staff", 200)).doesNotContain("href=\"/staff/dashboard\"");
    }

    private List<String> fundRow(Fund fund, String committed, String applications, String rate) {
        BigDecimal c = new BigDecimal(committed);
        return List.of(fund.name(), plain(fund.budget()), plain(c), "0.00", plain(fund.budget().subtract(c)),
                applications, rate, row(fund), String.valueOf(fund.timeLimits().decisionWeeks() * 7));
    }

    /** Decisions in these tests all come on the day of sending. */
    private static String row(Fund fund) {
        return "0";
    }

    private static String plain(BigDecimal amount) {
        return amount.setScale(2, java.math.RoundingMode.HALF_UP).toPlainString();
    }

    private List<List<String>> csv(CurrentUser who, String chart, String query) throws Exception {
        MvcResult result = staff.get(who, "/staff/dashboard/" + chart + ".csv" + query, 200);
        return OpenDataTest.parse(StaffRequests.body(result));
    }

    private Fund named(String name) {
        return data.fund(f -> new Fund(f.id(), f.slug(), name, f.description(), f.currency(), f.budget(),
                f.minimumAward(), f.maximumAward(), f.lightTouchThreshold(), f.opensOn(), f.closesOn(),
                f.eligibility(), f.questions(), f.criteria(), f.reporting(), f.payments(), f.timeLimits()));
    }
}
