package org.kith.web.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;
import org.kith.applications.ApplicationStatus;
import org.kith.funds.Fund;
import org.kith.identity.CurrentUser;
import org.kith.support.Assessed;
import org.kith.support.Browser;
import org.kith.support.BrowserTest;
import org.kith.support.Journey;
import org.kith.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

/**
 * The fund manager deciding in real Chromium: the funds, a fund's queue (at phone width and on a desktop), ticking
 * rows with the budget worked out live and by the server, a batch award and a batch decline through their
 * confirmation pages, and one application decided on its own page. axe-core and a 375-pixel screenshot on each.
 */
class DecisionsBrowserTest extends BrowserTest {

    @Autowired
    Journey journey;
    @Autowired
    TestData data;
    @Autowired
    Assessed assessed;

    @Test
    void aFundManagerWorksThroughTheQueue() {
        Fund fund = fundWithReasons("12000");
        CurrentUser manager = data.manager();
        long strong = assessed(fund, "6000", 5, 2);
        long lunch = assessed(fund, "3000", 4);
        long walk = assessed(fund, "4000", 3);
        long choir = assessed(fund, "2500", 2);
        String strongRef = journey.application(strong).reference();
        String lunchRef = journey.application(lunch).reference();
        String walkRef = journey.application(walk).reference();
        String choirRef = journey.application(choir).reference();

        try (Browser.Tab tab = browser.open()) {
            Page page = tab.signIn(manager.username());
            tab.go("/staff/decisions");
            assertThat(page.locator("h1")).hasText("Decisions");
            tab.looksRight("decisions-funds");

            // test funds share a name: this one by its address
            page.locator("a[href='/staff/funds/" + fund.id() + "/decisions']").click();
            assertThat(page.locator("h1")).hasText("Decisions waiting");
            assertThat(page.locator("main")).containsText("Scores disagree");
            tab.looksRight("decisions-queue");
            tab.desktopScreenshot("decisions-queue");

            page.getByLabel("Tick " + strongRef).check();
            page.getByLabel("Tick " + lunchRef).check();
            assertThat(page.locator("#budget-if-awarded")).containsText("Budget left if you award these: £3,000");
            page.getByLabel("Tick " + walkRef).check();
            assertThat(page.locator("#budget-if-awarded")).containsText("Budget left if you award these: -£1,000");
            assertThat(page.locator("#budget-if-awarded")).containsText("That is more than the fund has left.");
            page.getByLabel("Tick " + walkRef).uncheck();

            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Work out budget")).click();
            assertThat(page.locator("#budget-if-awarded")).containsText("Ticked: 2 applications asking for £9,000");
            assertThat(page.locator("#budget-if-awarded")).containsText("Budget left if you award these: £3,000");
            tab.looksRight("decisions-queue-ticked");

            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Award ticked at the amounts asked"))
                    .click();
            assertThat(page.locator("h1")).hasText("Award these applications at the amounts asked?");
            assertThat(page.locator("main")).containsText("£9,000");
            tab.looksRight("decisions-confirm-award");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Yes, award 2 applications")).click();
            assertThat(page.locator("h1")).hasText("Decisions made");
            assertThat(page.locator("main")).containsText("Awarded (2)");
            assertThat(page.locator("main")).containsText("The fund now has £3,000 left.");
            tab.looksRight("decisions-done");

            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Back to the queue")).click();
            page.getByLabel("Tick " + walkRef).check();
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Decline ticked")).click();
            assertThat(page.locator("h1")).hasText("Decline these applications?");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Yes, decline 1 application")).click();
            assertThat(page.locator(".govuk-error-summary")).containsText("Choose a reason or write one");
            tab.looksRight("decisions-confirm-decline-error");
            page.getByLabel("Reason", new Page.GetByLabelOptions().setExact(true))
                    .selectOption("oversubscribed");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Yes, decline 1 application")).click();
            assertThat(page.locator("main")).containsText("Declined (1)");

            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Back to the queue")).click();
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(choirRef)).click();
            assertThat(page.locator("main")).containsText("Award a grant");
            tab.looksRight("decisions-decide");
            page.getByLabel("Amount to award").fill("3000");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Award").setExact(true)).click();
            assertThat(page.locator(".govuk-error-summary")).containsText("cannot be more than");
            tab.looksRight("decisions-decide-error");
            page.getByLabel("Amount to award").fill("2000");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Award").setExact(true)).click();
            assertThat(page.locator(".govuk-notification-banner")).containsText("Awarded " + choirRef);
            assertThat(page.locator("main")).containsText("Nothing is waiting for a decision in this fund.");
            tab.looksRight("decisions-queue-empty");

            tab.go("/staff/applications/" + choir + "/decide");
            assertThat(page.locator("h1")).hasText("This application has already been decided");
            tab.looksRight("decisions-already-decided");
        }
        assertThat(journey.status(strong)).isEqualTo(ApplicationStatus.OFFERED);
        assertThat(journey.status(walk)).isEqualTo(ApplicationStatus.DECLINED);
        assertThat(journey.application(choir).amountAwarded()).isEqualByComparingTo(new BigDecimal("2000"));
    }

    @Test
    void theBudgetIsWorkedOutWithoutJavaScriptToo() {
        Fund fund = fundWithReasons("5000");
        CurrentUser manager = data.manager();
        long lunch = assessed(fund, "3000", 4);
        long walk = assessed(fund, "4000", 3);

        try (Browser.Tab tab = browser.open(false)) {
            Page page = tab.signIn(manager.username());
            tab.go("/staff/funds/" + fund.id() + "/decisions");
            page.getByLabel("Tick " + journey.application(lunch).reference()).check();
            page.getByLabel("Tick " + journey.application(walk).reference()).check();
            assertThat(page.locator("#budget-if-awarded")).containsText("Budget left if you award these: £5,000");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Work out budget")).click();
            assertThat(page.locator("#budget-if-awarded")).containsText("Budget left if you award these: -£2,000");
            assertThat(page.locator("#budget-if-awarded")).containsText("That is more than the fund has left.");
            // (axe and the screenshot need JavaScript in the page: the first test checks this page with it)
        }
    }

    private Fund fundWithReasons(String budget) {
        return assessed.fundWithDeclineReasons(budget);
    }

    private long assessed(Fund fund, String amount, int... scores) {
        return assessed.application(fund, amount, scores);
    }
}
