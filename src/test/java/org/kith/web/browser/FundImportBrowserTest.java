package org.kith.web.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.util.UUID;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.kith.funds.Fund;
import org.kith.funds.FundFiles;
import org.kith.funds.Funds;
import org.kith.support.Browser;
import org.kith.support.BrowserTest;
import org.springframework.beans.factory.annotation.Autowired;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.FilePayload;

/**
 * An administrator sets up a fund without code in real Chromium: a file with problems (every one listed, nothing
 * imported), then a good file, then the fund's dates and limits changed, with a mistake on the way. axe-core on
 * each page, and screenshots at phone width and desktop width.
 */
class FundImportBrowserTest extends BrowserTest {

    @Autowired
    Funds funds;
    @Autowired
    ObjectMapper json;

    @Test
    void anAdminImportsAFundFileWithProblemsThenAGoodOneAndChangesItsLimits() {
        String slug = "browser-" + UUID.randomUUID().toString().substring(0, 8);
        try (Browser.Tab tab = browser.open()) {
            Page page = tab.signIn("admin1");

            tab.go("/staff/funds");
            assertThat(page.locator("h1")).hasText("Funds");
            assertThat(page.locator("main")).containsText("Social Isolation and Loneliness Fund");
            tab.looksRight("staff-funds-list");
            tab.desktopScreenshot("staff-funds-list");

            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Import a fund from a file")).click();
            assertThat(page.locator("h1")).hasText("Import a fund from a file");
            tab.looksRight("staff-funds-import");

            ObjectNode broken = fund(slug);
            broken.put("currency", "EUR");
            ((ObjectNode) broken.get("criteria").get(1)).put("weight", 0);
            broken.put("colour", "teal");
            page.getByLabel("Fund file (JSON)").setInputFiles(file("funds.json", broken));
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Import")).click();
            assertThat(page).hasTitle(Pattern.compile("^Error: Import a fund from a file"));
            assertThat(page.locator(".govuk-error-summary")).containsText("The file has 3 problems");
            assertThat(page.locator(".govuk-error-summary")).containsText("funds[0].criteria[1].weight: must be at least 1");
            assertThat(page.locator(".govuk-error-summary")).containsText("funds[0].currency: must be GBP");
            assertThat(page.locator(".govuk-error-summary")).containsText("funds[0].colour: is not a property Kith knows");
            tab.looksRight("staff-funds-import-errors");
            tab.desktopScreenshot("staff-funds-import-errors");
            org.assertj.core.api.Assertions.assertThat(funds.findBySlug(slug)).isEmpty();

            page.getByLabel("Fund file (JSON)").setInputFiles(file("funds.json", fund(slug)));
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Import")).click();
            assertThat(page.locator("h1")).hasText("Funds");
            assertThat(page.locator(".govuk-notification-banner")).containsText("Browser fund " + slug + " (" + slug
                    + "), a new fund");
            tab.looksRight("staff-funds-imported");

            Fund fund = funds.findBySlug(slug).orElseThrow();
            page.locator("#fund-" + fund.id()).getByRole(AriaRole.LINK,
                    new com.microsoft.playwright.Locator.GetByRoleOptions().setName(Pattern.compile("^Change dates and limits"))).click();
            assertThat(page.locator("h1")).hasText("Change dates and limits");
            tab.looksRight("staff-funds-edit");
            page.getByLabel("Closing date").fill("2031-01-01");
            page.getByLabel("Maximum award").fill("lots");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save changes")).click();
            assertThat(page).hasTitle(Pattern.compile("^Error: Change dates and limits"));
            assertThat(page.locator(".govuk-error-summary")).containsText("Maximum award must be an amount in pounds");
            assertThat(page.getByLabel("Maximum award")).hasValue("lots");
            tab.looksRight("staff-funds-edit-errors");

            page.getByLabel("Maximum award").fill("15000");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save changes")).click();
            assertThat(page.locator(".govuk-error-summary")).containsText("Closing date must not be before the opening date");
            assertThat(page.getByLabel("Closing date")).hasValue("2031-01-01");
            page.getByLabel("Closing date").fill("2032-06-30");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save changes")).click();
            assertThat(page.locator(".govuk-notification-banner")).containsText("The dates and limits of Browser fund "
                    + slug + " are changed.");
            assertThat(page.locator("#fund-" + fund.id())).containsText("£500 to £15,000");
            assertThat(page.locator("#fund-" + fund.id())).containsText("30 June 2032");
            tab.looksRight("staff-funds-changed");
        }
    }

    private ObjectNode fund(String slug) {
        return FundFiles.fund(json, slug, "Browser fund " + slug);
    }

    private FilePayload file(String name, ObjectNode... funds) {
        return new FilePayload(name, "application/json", FundFiles.file(json, funds));
    }
}
