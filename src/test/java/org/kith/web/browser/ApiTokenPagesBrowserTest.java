package org.kith.web.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.kith.support.Browser;
import org.kith.support.BrowserTest;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

/**
 * The API tokens page as applicant1 (a demo account) meets it: from the account page, a name error, a token made
 * and shown once, the token working on the API over real HTTP, and revoking it after the question.
 */
class ApiTokenPagesBrowserTest extends BrowserTest {

    private static void click(Page page, String name) {
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(name).setExact(true)).click();
    }

    private int apiStatus(String token) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/applications"))
                .header("Authorization", "Bearer " + token).header("Accept", "application/json").build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    void applicant1_makesATokenSeesItOnce_usesIt_andRevokesIt() throws Exception {
        String name = "Monthly report " + UUID.randomUUID().toString().substring(0, 4);
        try (Browser.Tab tab = browser.open()) {
            Page page = tab.page();
            tab.signIn("applicant1");
            tab.go("/account");
            tab.looksRight("account-with-api-tokens");
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Manage API tokens")).click();
            assertThat(page.locator("h1")).hasText("API tokens");
            tab.looksRight("account-tokens");

            click(page, "Create token");
            assertThat(page).hasTitle(Pattern.compile("^Error: API tokens"));
            assertThat(page.locator(".govuk-error-summary")).containsText("Enter a name for the token");
            tab.looksRight("account-tokens-no-name");

            page.getByLabel("Token name").fill(name);
            click(page, "Create token");
            assertThat(page.locator("h1")).hasText("Your token is ready");
            assertThat(page.locator(".govuk-warning-text")).containsText("You will not see it again");
            String token = page.getByLabel("Your new token").inputValue();
            assertThat(token).matches("kith_[a-z0-9]{12}_[A-Za-z0-9_-]{43}");
            tab.looksRight("account-token-created");
            tab.desktopScreenshot("account-token-created");
            assertThat(apiStatus(token)).isEqualTo(200);

            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Back to your API tokens")).click();
            assertThat(page.locator(".govuk-summary-card").filter(new com.microsoft.playwright.Locator.FilterOptions()
                    .setHasText(name))).containsText(token.substring(0, 17));
            assertThat(page.content()).doesNotContain(token);
            tab.looksRight("account-tokens-list");
            tab.desktopScreenshot("account-tokens-list");

            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Revoke " + name)).click();
            assertThat(page.locator("h1")).hasText("Are you sure you want to revoke this token?");
            tab.looksRight("account-token-revoke");
            click(page, "Revoke token");
            assertThat(page.locator(".govuk-notification-banner")).containsText("revoked");
            assertThat(page.getByText(name, new Page.GetByTextOptions().setExact(true))).hasCount(0);
            tab.looksRight("account-tokens-revoked");
            assertThat(apiStatus(token)).isEqualTo(401);
            tab.assertNoProblems();
        }
    }
}
