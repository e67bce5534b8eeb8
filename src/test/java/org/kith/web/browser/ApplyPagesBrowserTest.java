package org.kith.web.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.kith.funds.Fund;
import org.kith.identity.CurrentUser;
import org.kith.support.Browser;
import org.kith.support.BrowserTest;
import org.kith.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.FilePayload;

/**
 * An applicant's whole way through the apply pages in real Chromium, from the start page to the confirmation, with
 * the error states on the way (an over-long answer, a file that is not what its name says, sending too early). Each
 * page is checked by axe-core and screenshot at phone width.
 */
class ApplyPagesBrowserTest extends BrowserTest {

    @Autowired
    TestData data;
    @Autowired
    org.kith.funds.Funds funds;

    @Test
    void aGroupAppliesFromTheStartPageToTheConfirmation() {
        // the seeded fund, not a new one: the public pages' browser test expects the home page to list only the seeded
        // funds, and test classes share one database
        Fund fund = funds.findBySlug("social-isolation-and-loneliness").orElseThrow();
        CurrentUser applicant = data.charityApplicant();
        try (Browser.Tab tab = browser.open()) {
            Page page = tab.go("/sign-in").page();
            page.getByLabel("Email address or username").fill(applicant.username());
            page.getByLabel("Password", new Page.GetByLabelOptions().setExact(true)).fill(TestData.PASSWORD);
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();

            tab.go("/applications");
            assertThat(page.locator("h1")).hasText("Your applications");
            tab.looksRight("apply-list-empty");

            tab.go("/applications/new?fund=" + fund.slug() + "&amount=3000");
            assertThat(page.locator("main")).containsText("£3,000");
            tab.looksRight("apply-start");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Start now")).click();

            assertThat(page.locator("h1")).hasText("Your application");
            tab.looksRight("apply-task-list");
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("About your project")).click();

            assertThat(page.getByLabel("How much are you asking for?")).hasValue("3000");
            page.getByLabel("What is your project called?").fill("Tuesday lunch club");
            page.getByLabel("Describe your project in a few sentences").fill("A hot lunch and company every Tuesday.");
            page.getByLabel("How much are you asking for?").fill("lots");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Continue")).click();
            assertThat(page).hasTitle(Pattern.compile("^Error: About your project"));
            assertThat(page.locator(".govuk-error-summary a")).hasAttribute("href", "#amount");
            tab.looksRight("apply-project-error");
            page.getByLabel("How much are you asking for?").fill("£3,000");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Continue")).click();

            assertThat(page.locator("h1")).hasText("Who will take part, and how will they find out about it?");
            page.locator("#answer").fill("x".repeat(2001));
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Continue")).click();
            assertThat(page.locator(".govuk-error-summary")).containsText("2000 characters or fewer");
            assertThat(page.locator("#answer")).hasValue("x".repeat(2001));
            tab.looksRight("apply-question-error");
            page.locator("#answer").fill("Older people living alone in Leith.");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save and come back later")).click();

            assertThat(page.locator("h1")).hasText("Your application");
            tab.looksRight("apply-task-list-in-progress");
            tab.go(page.url().replace("/apply", "/check-answers"));
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Accept and send")).click();
            assertThat(page.locator(".govuk-error-summary")).containsText("What difference will the project make");
            tab.looksRight("apply-check-answers-incomplete");

            page.locator(".govuk-error-summary a").first().click();
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Answer this question")).first().click();
            assertThat(page.locator("h1")).hasText("What difference will the project make to them?");
            page.locator("#answer").fill("New friendships, and <script>alert(1)</script> shown as text.");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Continue")).click();
            assertThat(page.locator("h1")).hasText("Check your answers before sending your application");

            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions()
                    .setName(Pattern.compile("Change.*Add a document"))).click();
            tab.looksRight("apply-file");
            page.getByLabel("Add a document that helps tell your story (optional)").setInputFiles(
                    new FilePayload("x.pdf", "application/pdf", "just text".getBytes(StandardCharsets.UTF_8)));
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Continue")).click();
            assertThat(page.locator(".govuk-error-summary")).containsText("must be a PDF");
            tab.looksRight("apply-file-error");
            page.getByLabel("Add a document that helps tell your story (optional)").setInputFiles(
                    new FilePayload("leaflet.pdf", "application/pdf",
                            "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n".getBytes(StandardCharsets.US_ASCII)));
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Continue")).click();

            assertThat(page.locator("main")).containsText("leaflet.pdf");
            assertThat(page.locator("main")).containsText("<script>alert(1)</script> shown as text.");
            tab.looksRight("apply-check-answers");
            page.setViewportSize(1280, 900);
            page.screenshot(new Page.ScreenshotOptions()
                    .setPath(Browser.SCREENSHOTS.resolve("apply-check-answers-desktop.png")).setFullPage(true));
            page.setViewportSize(Browser.PHONE_WIDTH, 800);

            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Accept and send")).click();
            assertThat(page.locator("h1")).hasText("Application sent");
            assertThat(page.locator(".govuk-panel")).containsText("KITH-");
            tab.looksRight("apply-submitted");

            tab.go("/applications");
            assertThat(page.locator("main")).containsText("Tuesday lunch club");
            assertThat(page.locator("main")).containsText("Being assessed");
            tab.looksRight("apply-list");
        }
    }
}
