package org.kith.web.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.math.BigDecimal;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.kith.funds.Fund;
import org.kith.identity.CurrentUser;
import org.kith.support.Browser;
import org.kith.support.BrowserTest;
import org.kith.support.Journey;
import org.kith.support.TestData;
import org.kith.workflow.TaskKeys;
import org.springframework.beans.factory.annotation.Autowired;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

/**
 * The funder dashboards in real Chromium: the portfolio as admin1 and funder1 (the seeded demo data), one fund's
 * dashboard with a grant, an offer, a decline and an accepted report, a filter typed wrong, and the stories page;
 * each checked by axe-core and screenshot at phone and desktop width.
 */
class DashboardBrowserTest extends BrowserTest {

    @Autowired
    Journey journey;
    @Autowired
    TestData data;

    @Test
    void adminAndFunderReadThePortfolioAFundAndItsStories() {
        Fund fund = data.fund(f -> new Fund(f.id(), f.slug(), "Dashboard browser fund " + UUID.randomUUID()
                .toString().substring(0, 8), f.description(), f.currency(), f.budget(), f.minimumAward(),
                f.maximumAward(), f.lightTouchThreshold(), f.opensOn(), f.closesOn(), f.eligibility(), f.questions(),
                f.criteria(), f.reporting(), f.payments(), f.timeLimits()));
        CurrentUser reporter = data.charityApplicant();
        long funded = journey.funded(reporter, fund, "2500");
        journey.complete(reporter, funded, TaskKeys.SUBMIT_REPORT, Map.of("whatWeDid", "Forty lunches",
                "differenceItMade", "People who had not left the house in months came every Tuesday",
                "whatWeLearned", "Transport matters more than the food", "peopleReached", 37,
                "amountSpent", new BigDecimal("2450.00")));
        journey.complete(data.manager(), funded, TaskKeys.REVIEW_REPORT, Map.of("outcome", "ACCEPT"));
        journey.offered(data.charityApplicant(), fund, "8000");
        long declined = journey.submitted(data.unregisteredApplicant(), fund, "1500").id();
        journey.assessAll(declined);
        journey.complete(data.manager(), declined, TaskKeys.DECIDE_APPLICATION,
                Map.of("outcome", "DECLINE", "reason", "We funded similar work nearby."));

        try (Browser.Tab tab = browser.open()) {
            Page page = tab.signIn("admin1");
            page.locator("main").getByRole(AriaRole.LINK, new com.microsoft.playwright.Locator.GetByRoleOptions().setName("Dashboards")).click();
            assertThat(page.locator("h1")).hasText("Dashboards");
            tab.looksRight("dashboard-portfolio-admin").desktopScreenshot("dashboard-portfolio-admin");

            page.getByLabel("Fund").selectOption(String.valueOf(fund.id()));
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Show figures")).click();
            assertThat(page.locator("h1")).hasText(fund.name());
            assertThat(page.locator("#money")).containsText("£10,500");
            tab.looksRight("dashboard-fund").desktopScreenshot("dashboard-fund");

            page.getByLabel("From month").fill("2026-13");
            tab.expectStatus(400);
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Show figures")).click();
            assertThat(page.locator(".govuk-error-summary")).containsText("Enter the first month");
            tab.looksRight("dashboard-filter-error");
            tab.expectNoErrorStatus();

            tab.go("/staff/dashboard?fund=" + fund.id());
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions()
                    .setName("Read what groups said about the difference their grant made")).click();
            assertThat(page.locator("main")).containsText("Transport matters more than the food");
            tab.looksRight("dashboard-stories").desktopScreenshot("dashboard-stories");
        }
        try (Browser.Tab tab = browser.open()) {
            Page page = tab.signIn("funder1");
            tab.go("/staff/dashboard");
            assertThat(page.locator("h1")).hasText("Dashboards");
            assertThat(page.locator("main")).not().containsText(fund.name());
            tab.looksRight("dashboard-portfolio-funder").desktopScreenshot("dashboard-portfolio-funder");
        }
    }
}
