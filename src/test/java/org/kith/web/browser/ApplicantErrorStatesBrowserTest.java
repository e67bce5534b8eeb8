package org.kith.web.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.kith.funds.Fund;
import org.kith.funds.Funds;
import org.kith.identity.CurrentUser;
import org.kith.support.Browser;
import org.kith.support.BrowserTest;
import org.kith.support.Journey;
import org.kith.support.TestData;
import org.kith.workflow.TaskKeys;
import org.springframework.beans.factory.annotation.Autowired;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.FilePayload;

/**
 * Every error state of the applicant's forms, in the browser: each shows the GOV.UK error summary linked to the
 * field, "Error: " in the title, keeps what was typed, and passes axe-core (WCAG 2.2 A and AA) at phone width.
 */
class ApplicantErrorStatesBrowserTest extends BrowserTest {

    @Autowired
    TestData data;

    @Autowired
    Journey journey;

    @Autowired
    Funds funds;

    @Test
    void theApplicationFormsShowWhatToFix_andKeepWhatWasTyped() {
        CurrentUser applicant = data.charityApplicant();
        Fund fund = funds.findBySlug("social-isolation-and-loneliness").orElseThrow();
        long draft = journey.draft(applicant, fund, "2500");
        try (Browser.Tab tab = browser.open()) {
            Page page = signIn(tab, applicant);

            tab.go("/applications/" + draft + "/questions/whoBenefits");
            String tooLong = "Lunch and company. ".repeat(120);
            page.locator("textarea[name=answer]").fill(tooLong);
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Continue").setExact(true)).click();
            assertThat(page).hasTitle(Pattern.compile("^Error: "));
            assertThat(page.locator(".govuk-error-summary")).containsText("2000");
            assertThat(page.locator("textarea[name=answer]")).hasValue(tooLong);
            tab.looksRight("error-question-too-long");

            tab.go("/applications/" + draft + "/questions/supportingDocument");
            page.locator("input[type=file]").setInputFiles(new FilePayload("leaflet.pdf", "application/pdf",
                    "This is a text file, not a PDF.".getBytes(StandardCharsets.UTF_8)));
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Continue").setExact(true)).click();
            assertThat(page).hasTitle(Pattern.compile("^Error: "));
            assertThat(page.locator(".govuk-error-summary a")).hasCount(1);
            tab.looksRight("error-file-not-a-pdf");

            tab.go("/applications/" + draft + "/project");
            page.locator("[name=amount]").fill("a lot");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Continue").setExact(true)).click();
            assertThat(page).hasTitle(Pattern.compile("^Error: "));
            assertThat(page.locator("[name=amount]")).hasValue("a lot");
            tab.looksRight("error-project-amount");
        }
    }

    @Test
    void theGrantFormsShowWhatToFix() {
        CurrentUser applicant = data.charityApplicant();
        Fund fund = funds.findBySlug("social-isolation-and-loneliness").orElseThrow();
        long asked = journey.submitted(applicant, fund, "3000").id();
        journey.assessAll(asked);
        journey.complete(data.manager(), asked, TaskKeys.DECIDE_APPLICATION,
                Map.of("outcome", "REQUEST_INFORMATION", "question", "Who runs the lunch club?"));
        try (Browser.Tab tab = browser.open()) {
            Page page = signIn(tab, applicant);

            tab.go("/applications/" + asked + "/question");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send your answer")).click();
            assertThat(page).hasTitle(Pattern.compile("^Error: "));
            tab.looksRight("error-question-empty");

            journey.complete(applicant, asked, TaskKeys.PROVIDE_INFORMATION, Map.of("answer", "Volunteers."));
            journey.complete(data.manager(), asked, TaskKeys.DECIDE_APPLICATION,
                    Map.of("outcome", "AWARD", "amountAwarded", new java.math.BigDecimal("3000")));
            journey.runJobs(asked);
            tab.go("/applications/" + asked + "/offer");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send your answer")).click();
            assertThat(page).hasTitle(Pattern.compile("^Error: "));
            tab.looksRight("error-offer-no-answer");

            journey.complete(applicant, asked, TaskKeys.ACCEPT_OFFER, Map.of("accept", true));
            tab.go("/applications/" + asked + "/report");
            page.getByLabel("How many people took part or benefited?").fill("lots");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send report")).click();
            assertThat(page).hasTitle(Pattern.compile("^Error: "));
            assertThat(page.getByLabel("How many people took part or benefited?")).hasValue("lots");
            tab.looksRight("error-report");

            tab.expectStatus(404);
            tab.go("/applications/" + journey.draft(data.charityApplicant(), fund, "1000") + "/apply");
            assertThat(page.locator("h1")).hasText("Page not found");
            tab.looksRight("error-another-groups-application");
        }
    }

    private static Page signIn(Browser.Tab tab, CurrentUser person) {
        Page page = tab.go("/sign-in").page();
        page.getByLabel("Email address or username").fill(person.username());
        page.getByLabel("Password", new Page.GetByLabelOptions().setExact(true)).fill(TestData.PASSWORD);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
        return page;
    }
}
