package org.kith.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.kith.funds.Fund;
import org.kith.funds.FundStatistics;
import org.kith.identity.CurrentUser;
import org.kith.organisations.Organisations;
import org.kith.support.Journey;
import org.kith.support.KithTest;
import org.kith.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/**
 * A fund's published statistics (issue 8, item 6): right for a known portfolio, public, with nothing about any
 * group, and the same success rate on the home page.
 */
@KithTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PublishedStatisticsTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    TestData data;
    @Autowired
    Journey journey;
    @Autowired
    Organisations organisations;
    @Autowired
    FundStatistics homePageStatistics;
    @Autowired
    PublishedStatistics statistics;
    @Autowired
    DashboardFigures staffFigures;
    @Autowired
    DashboardReadModel readModel;

    KnownPortfolio portfolio;

    @BeforeAll
    void build() {
        portfolio = KnownPortfolio.build(data, journey, organisations);
        readModel.fold();
    }

    @Test
    void theFiguresOfAKnownPortfolio() {
        PublishedStatistics.Figures f = statistics.ofFund(portfolio.fund().slug()).orElseThrow();
        assertThat(f.applications()).isEqualTo(4);
        assertThat(f.decided()).isEqualTo(3);
        assertThat(f.offered()).isEqualTo(2);
        assertThat(f.successRate()).isEqualTo(2.0 / 3);
        assertThat(f.typicalDays()).isZero();
        assertThat(f.targetDays()).isEqualTo(portfolio.fund().timeLimits().decisionWeeks() * 7).isPositive();
        assertThat(f.withinTarget()).isTrue();
        assertThat(f.awards()).isEqualTo(2);
        assertThat(f.awarded()).isEqualByComparingTo("6500");
    }

    @Test
    void anyoneCanReadThePage_withTheFiguresAndNothingAboutAnyGroup() throws Exception {
        String page = anonymous("/funds/" + portfolio.fund().slug() + "/statistics", 200);
        assertThat(figure(page, "applications")).isEqualTo("4");
        assertThat(figure(page, "decided")).isEqualTo("3");
        assertThat(figure(page, "successRate")).isEqualTo("2 of 3 decided applications were offered a grant (67%)");
        assertThat(figure(page, "typicalDays")).contains("The same day the group applied").contains("Within our target");
        assertThat(figure(page, "target")).isEqualTo("A decision within 8 weeks (56 days)");
        assertThat(figure(page, "awarded")).isEqualTo("£6,500 in 2 grants");
        assertThat(page).contains(portfolio.fund().name());
        for (String group : portfolio.groupNames()) {
            assertThat(page).doesNotContain(group).doesNotContain(group.replace("\"", "&quot;"));
        }
        for (CurrentUser applicant : portfolio.applicants()) {
            assertThat(page).doesNotContain(applicant.username());
        }
        assertThat(page).doesNotContain("HYPERLINK").doesNotContain("Group ");
    }

    @Test
    void anUnknownFundIsNotFound() throws Exception {
        String page = anonymous("/funds/no-such-fund-" + System.nanoTime() + "/statistics", 404);
        assertThat(page).contains("Page not found");
    }

    @Test
    void aFundNotYetAnnouncedIsNotFound() throws Exception {
        Fund later = data.fund(f -> new Fund(f.id(), f.slug(), f.name(), f.description(), f.currency(), f.budget(),
                f.minimumAward(), f.maximumAward(), f.lightTouchThreshold(), java.time.LocalDate.now().plusMonths(1),
                f.closesOn(), f.eligibility(), f.questions(), f.criteria(), f.reporting(), f.payments(),
                f.timeLimits()));
        anonymous("/funds/" + later.slug() + "/statistics", 404);
    }

    @Test
    void theHomePageShowsTheSameSuccessRate_andLinksToThePage() throws Exception {
        FundStatistics.Published published = homePageStatistics.published().get(portfolio.fund().id());
        assertThat(published).isEqualTo(new FundStatistics.Published(3, 2));

        String home = anonymous("/", 200);
        String slug = portfolio.fund().slug();
        int start = home.indexOf("id=\"fund-" + slug + "\"");
        assertThat(start).as("the fund is on the home page").isPositive();
        int end = home.indexOf("</section>", start);
        String section = home.substring(start, end);
        assertThat(section).contains("2 of 3 decided applications (67%)");
        assertThat(section).contains("href=\"/funds/" + slug + "/statistics\"");
    }

    @Test
    void aFundWithNoDecisionYetIsMissingFromTheHomePageFigures() throws Exception {
        Fund fresh = data.fund();
        journey.submitted(data.charityApplicant(), fresh, "1200");
        readModel.fold();
        assertThat(homePageStatistics.published()).doesNotContainKey(fresh.id());
        String page = anonymous("/funds/" + fresh.slug() + "/statistics", 200);
        assertThat(figure(page, "applications")).isEqualTo("1");
        assertThat(figure(page, "successRate")).isEqualTo("No decisions yet");
        assertThat(figure(page, "awarded")).isEqualTo("£0 in no grants");
    }

    @Test
    void aPublicReadShowsTheFiguresAsTheLastFoldLeftThem_whileTheStaffDashboardFoldsFirst() throws Exception {
        Fund fund = data.fund();
        journey.submitted(data.charityApplicant(), fund, "1200");
        readModel.fold();
        journey.submitted(data.charityApplicant(), fund, "800");
        String statisticsPage = "/funds/" + fund.slug() + "/statistics";

        assertThat(figure(anonymous(statisticsPage, 200), "applications")).isEqualTo("1");
        assertThat(statistics.ofFund(fund.slug()).orElseThrow().applications())
                .as("the page did not fold either").isEqualTo(1);
        assertThat(staffFigures.read(data.admin(), DashboardFilter.ofFund(fund.id())).portfolio().applications())
                .isEqualTo(2);
        assertThat(figure(anonymous(statisticsPage, 200), "applications")).as("after the staff read's fold")
                .isEqualTo("2");
    }

    private String anonymous(String path, int expected) throws Exception {
        return mvc.perform(get(path)).andExpect(status().is(expected)).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
    }

    /** The text of the figure marked {@code data-figure="name"}, tags dropped and spaces squeezed. */
    static String figure(String page, String name) {
        Matcher m = Pattern.compile("data-figure=\"" + name + "\"[^>]*>(.*?)</dd>", Pattern.DOTALL).matcher(page);
        assertThat(m.find()).as("figure %s", name).isTrue();
        return m.group(1).replaceAll("<[^>]+>", " ").replace("&#39;", "'").replaceAll("\\s+", " ").strip();
    }
}
