package org.kith.web.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import org.junit.jupiter.api.Test;
import org.kith.applications.Application;
import org.kith.funds.Fund;
import org.kith.identity.CurrentUser;
import org.kith.support.Browser;
import org.kith.support.BrowserTest;
import org.kith.support.Journey;
import org.kith.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

/** The staff start page and the staff view of one application, found by its reference, in real Chromium. */
class StaffStartBrowserTest extends BrowserTest {

    @Autowired
    Journey journey;
    @Autowired
    TestData data;

    @Test
    void aFundManagerLandsOnTheirWork_findsAnApplicationByReference_andReadsIt() {
        Fund fund = data.fund();
        Application app = journey.submitted(data.charityApplicant(), fund, "3000");
        CurrentUser manager = data.manager();

        try (Browser.Tab tab = browser.open()) {
            Page page = tab.signIn(manager.username());
            assertThat(page.locator("h1")).hasText("Your work");
            tab.looksRight("staff-start-manager").desktopScreenshot("staff-start-manager");

            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Find")).click();
            assertThat(page.locator(".govuk-error-summary")).containsText("Enter an application reference");
            tab.looksRight("staff-find-error");

            page.getByLabel("Application reference").fill(app.reference());
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Find")).click();
            assertThat(page.locator("h1")).hasText(app.title());
            assertThat(page.locator("main")).containsText("About the group");
            tab.looksRight("staff-application").desktopScreenshot("staff-application");
            tab.assertNoProblems();
        }
    }

    @Test
    void anAdminAndAFunderSeeTheirOwnAreas() {
        Fund fund = data.fund();
        try (Browser.Tab tab = browser.open()) {
            Page page = tab.signIn(data.admin().username());
            assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("People")).first()).isVisible();
            tab.looksRight("staff-start-admin");
        }
        try (Browser.Tab tab = browser.open()) {
            Page page = tab.signIn(data.funderOf(fund).username());
            assertThat(page.locator("main")).containsText(fund.name());
            tab.looksRight("staff-start-funder");
            tab.assertNoProblems();
        }
    }
}
