package org.kith.web.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.kith.dashboard.DashboardReadModel;
import org.kith.dashboard.KnownPortfolio;
import org.kith.organisations.Organisations;
import org.kith.support.Browser;
import org.kith.support.BrowserTest;
import org.kith.support.Journey;
import org.kith.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

/**
 * A fund's published statistics as anyone sees them, reached from the home page, and the applications behind a
 * dashboard figure as an admin sees them: in real Chromium, axe-core and screenshots at phone and desktop width.
 */
class StatisticsAndFigureListBrowserTest extends BrowserTest {

    @Autowired
    TestData data;
    @Autowired
    Journey journey;
    @Autowired
    Organisations organisations;
    @Autowired
    DashboardReadModel readModel;

    KnownPortfolio portfolio;

    @BeforeAll
    void build() {
        portfolio = KnownPortfolio.build(data, journey, organisations);
        readModel.fold();
    }

    @Test
    void anyoneReadsAFundsPublishedStatistics() {
        try (Browser.Tab tab = browser.open()) {
            Page page = tab.go("/").page();
            tab.desktopScreenshot("home-with-statistics-links");
            page.locator("a[href='/funds/" + portfolio.fund().slug() + "/statistics']").click();
            assertThat(page.locator("h1")).hasText(portfolio.fund().name());
            assertThat(page.locator("main")).containsText("2 of 3 decided applications were offered a grant (67%)");
            assertThat(page.locator("main")).containsText("£6,500 in 2 grants");
            assertThat(page.locator("main")).containsText("A decision within 8 weeks (56 days)");
            assertThat(page.locator("main")).not().containsText("HYPERLINK");
            tab.looksRight("fund-statistics");
            tab.desktopScreenshot("fund-statistics");

            tab.go("/funds/social-isolation-and-loneliness/statistics");
            assertThat(page.locator("h1")).hasText("Social Isolation and Loneliness Fund");
            tab.looksRight("fund-statistics-demo");
        }
    }

    @Test
    void anAdminOpensTheApplicationsBehindAFigure() {
        try (Browser.Tab tab = browser.open()) {
            Page page = tab.signIn("admin1");
            tab.go("/staff/dashboard/applications?fund=" + portfolio.fund().id());
            assertThat(page.locator("h1")).hasText("All applications in the dashboard’s filter");
            assertThat(page.locator("#count")).hasText("4 applications");
            assertThat(page.locator("main")).containsText(KnownPortfolio.FORMULA_GROUP);
            tab.looksRight("dashboard-applications");
            tab.desktopScreenshot("dashboard-applications");

            tab.go("/staff/dashboard/applications?fund=" + portfolio.fund().id() + "&dimension=local_authority&value=");
            assertThat(page.locator("h1")).hasText("Local authority: Unknown");
            assertThat(page.locator("#count")).hasText("1 application");
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(
                    journey.application(portfolio.declined()).reference())).click();
            assertThat(page).hasURL(Pattern.compile(".*/staff/applications/" + portfolio.declined() + "$"));

            tab.expectStatus(400);
            tab.go("/staff/dashboard/applications?dimension=colour&value=red");
            assertThat(page.locator("h1")).hasText("This list cannot be shown");
            tab.looksRight("dashboard-applications-invalid");
        }
    }
}
