package org.kith.web.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.math.BigDecimal;
import java.util.Map;

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
 * The group's pages after submission in real Chromium, each checked by axe-core and screenshot at phone width:
 * the application's page at each stage, the question, the offer, the report (with its errors), asking for a change
 * and withdrawing. The fund's side moves on through the services.
 */
class GrantPagesBrowserTest extends BrowserTest {

    @Autowired
    Journey journey;
    @Autowired
    TestData data;

    @Test
    void theGroupAnswersAQuestionAcceptsTheOfferAndRunsItsGrant() {
        CurrentUser applicant = data.charityApplicant();
        CurrentUser manager = data.manager();
        Fund fund = data.fund();
        long id = journey.submitted(applicant, fund, "3000").id();
        journey.assessAll(id);
        journey.complete(manager, id, TaskKeys.DECIDE_APPLICATION,
                Map.of("outcome", "REQUEST_INFORMATION", "question", "Who runs the kitchen?"));

        try (Browser.Tab tab = browser.open()) {
            Page page = signIn(tab, applicant);
            tab.go("/applications/" + id).looksRight("grant-application-question");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Answer the question")).click();
            assertThat(page.locator("h1")).hasText("Answer the fund’s question");
            tab.looksRight("grant-question");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send your answer")).click();
            assertThat(page.locator(".govuk-error-summary")).containsText("Enter your answer");
            tab.looksRight("grant-question-error");
            page.getByLabel("Your answer").fill("Our volunteers, with a food hygiene certificate.");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send your answer")).click();
            assertThat(page.locator("h1")).hasText("Your answer has been sent");
            tab.looksRight("grant-question-sent");

            journey.complete(manager, id, TaskKeys.DECIDE_APPLICATION,
                    Map.of("outcome", "AWARD", "amountAwarded", new BigDecimal("2500")));
            tab.go("/applications/" + id + "/offer");
            assertThat(page.locator("main")).containsText("Your offer letter is being prepared");
            tab.looksRight("grant-offer-preparing");
            journey.runJobs(id);
            tab.go("/applications/" + id).looksRight("grant-application-offer");
            tab.go("/applications/" + id + "/offer").looksRight("grant-offer");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send your answer")).click();
            assertThat(page.locator(".govuk-error-summary")).containsText("Select yes if you accept the offer");
            tab.looksRight("grant-offer-error");
            assertThat(page.getByLabel("If you turn it down, why? (optional)")).isVisible();
            page.getByLabel("Yes, we accept the offer and its conditions").check();
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send your answer")).click();
            assertThat(page.locator("h1")).hasText("Offer accepted");
            tab.looksRight("grant-offer-accepted");

            tab.go("/applications/" + id).looksRight("grant-application-funded");
            tab.go("/applications/" + id + "/report").looksRight("grant-report");
            page.getByLabel("What did you do?").fill("Forty lunches");
            page.getByLabel("How many people took part or benefited?").fill("about forty");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send report")).click();
            assertThat(page.locator(".govuk-error-summary")).containsText("Tell us the difference it made");
            tab.looksRight("grant-report-error");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save and come back later")).click();
            assertThat(page.locator("h1")).hasText("Your report has been saved");
            tab.looksRight("grant-report-saved");

            tab.go("/applications/" + id + "/variations/new").looksRight("grant-variation");
            page.getByLabel("What do you want to change, and why?").fill("Move the lunches to Wednesdays.");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send your request")).click();
            assertThat(page.locator("h1")).hasText("Your request has been sent");
            tab.looksRight("grant-variation-sent");
            tab.go("/applications/" + id).looksRight("grant-application-variation");
        }
    }

    @Test
    void withdrawingAsksFirst() {
        CurrentUser applicant = data.charityApplicant();
        long id = journey.submitted(applicant, data.fund(), "3000").id();
        try (Browser.Tab tab = browser.open()) {
            Page page = signIn(tab, applicant);
            tab.go("/applications/" + id).looksRight("grant-application-assessing");
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Withdraw this application")).click();
            assertThat(page.locator("main")).containsText("This cannot be undone");
            tab.looksRight("grant-withdraw");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Yes, withdraw this application"))
                    .click();
            assertThat(page.locator("h1")).hasText("Application withdrawn");
            tab.looksRight("grant-withdrawn");
        }
    }

    private static Page signIn(Browser.Tab tab, CurrentUser who) {
        Page page = tab.go("/sign-in").page();
        page.getByLabel("Email address or username").fill(who.username());
        page.getByLabel("Password", new Page.GetByLabelOptions().setExact(true)).fill(TestData.PASSWORD);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
        return page;
    }
}
