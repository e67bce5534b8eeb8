package org.kith.web.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.time.LocalDateTime;

import org.junit.jupiter.api.Test;
import org.kith.applications.Application;
import org.kith.funds.Fund;
import org.kith.identity.CurrentUser;
import org.kith.support.Browser;
import org.kith.support.BrowserTest;
import org.kith.support.Journey;
import org.kith.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

/**
 * An assessor in real Chromium: the inbox, a filter, the conflict question, the score page (errors, draft,
 * submit), and stepping aside from another application. axe-core and a phone screenshot on every page.
 */
class AssessorBrowserTest extends BrowserTest {

    @Autowired
    Journey journey;
    @Autowired
    TestData data;
    @Autowired
    JdbcClient jdbc;

    @Test
    void anAssessorFiltersTheInboxDeclaresAConflictAndScoresAnApplication() {
        Fund fund = data.fund();
        Application scored = journey.submitted(data.charityApplicant(), fund, "3000");
        Application conflicted = journey.submitted(data.charityApplicant(), fund, "4500");
        jdbc.sql("UPDATE task_item SET due_at = :due, due_sort = :due WHERE application_id = :id")
                .param("due", LocalDateTime.now().minusDays(2)).param("id", conflicted.id()).update();
        CurrentUser assessor = data.assessor();

        try (Browser.Tab tab = browser.open()) {
            Page page = tab.signIn(assessor.username());
            tab.go("/staff/tasks");
            assertThat(page.locator("h1")).hasText("Your tasks");
            assertThat(page.locator("main")).containsText(scored.reference());
            tab.looksRight("inbox").desktopScreenshot("inbox");

            page.getByLabel("Fund", new Page.GetByLabelOptions().setExact(true)).selectOption(String.valueOf(fund.id()));
            page.getByLabel("Due", new Page.GetByLabelOptions().setExact(true)).selectOption("OVERDUE");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Show tasks")).click();
            assertThat(page.locator("table")).containsText(conflicted.reference());
            assertThat(page.locator("table")).not().containsText(scored.reference());
            assertThat(page.locator("table")).containsText("Overdue");
            tab.looksRight("inbox-filtered");

            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(conflicted.reference())).click();
            assertThat(page.locator("main")).containsText("Do you have a conflict of interest with this group or project?");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Continue")).click();
            assertThat(page.locator(".govuk-error-summary")).containsText("Select yes if you have a conflict");
            tab.looksRight("assess-conflict-error");
            page.getByLabel("Yes", new Page.GetByLabelOptions().setExact(true)).check();
            page.getByLabel("If yes, tell us about the conflict (optional)").fill("I volunteer with this group.");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Continue")).click();
            assertThat(page.locator(".govuk-notification-banner")).containsText("conflict of interest");
            assertThat(page.locator("main table")).not().containsText(conflicted.reference());
            tab.looksRight("inbox-after-conflict");

            tab.go("/staff/tasks?fund=" + fund.id());
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(scored.reference())).click();
            tab.looksRight("assess-conflict");
            page.getByLabel("No", new Page.GetByLabelOptions().setExact(true)).check();
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Continue")).click();
            assertThat(page.locator("h1")).hasText("Assess " + scored.reference());
            assertThat(page.locator("main")).containsText("About the group");
            tab.looksRight("assess-score").desktopScreenshot("assess-score");

            page.getByLabel("Comment for the fund manager").fill("Strong local need.");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Submit assessment")).click();
            assertThat(page.locator(".govuk-error-summary")).containsText("Choose a recommendation");
            assertThat(page.getByLabel("Comment for the fund manager")).hasValue("Strong local need.");
            tab.looksRight("assess-score-errors");

            for (Fund.Criterion c : fund.criteria()) {
                page.locator("input[name='score-" + c.key() + "'][value='" + Math.min(3, c.maxScore()) + "']").check();
            }
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save draft")).click();
            assertThat(page.locator(".govuk-notification-banner")).containsText("Your draft");
            page.getByLabel("Fund in part").check();
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Submit assessment")).click();
            assertThat(page.locator(".govuk-notification-banner")).containsText("Your assessment of " + scored.reference());
            tab.looksRight("inbox-after-score");
            tab.assertNoProblems();
        }
    }
}
