package org.kith.web.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.kith.accounts.FirstAdministrator;
import org.kith.identity.UserAccounts;
import org.kith.support.Browser;
import org.kith.support.BrowserTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

/**
 * The first administrator of a new deployment follows the link the bootstrap command printed, chooses a password
 * (the policy holds), signs in and lands on the staff start page; the link then works no more.
 */
class FirstAdminBrowserTest extends BrowserTest {

    static final String PASSWORD = "the first key to the community hall";

    @Autowired
    FirstAdministrator first;
    @Autowired
    UserAccounts accounts;
    @Autowired
    JdbcClient jdbc;

    /** The bootstrap on this database as if it had no administrator: the others are switched off meanwhile. */
    private FirstAdministrator.Outcome bootstrap(String email) {
        List<Long> admins = accounts.activeAdmins();
        admins.forEach(id -> jdbc.sql("UPDATE app_user SET enabled = FALSE WHERE id = :id").param("id", id).update());
        try {
            return first.create(email, "Isla Morrison");
        } finally {
            admins.forEach(id -> jdbc.sql("UPDATE app_user SET enabled = TRUE WHERE id = :id").param("id", id).update());
        }
    }

    @Test
    void theFirstAdministratorChoosesAPasswordByThePrintedLink_signsIn_andLandsOnTheStaffPage() {
        String email = "isla-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        FirstAdministrator.Outcome outcome = bootstrap(email);
        assertThat(outcome.result()).isEqualTo(FirstAdministrator.Result.CREATED);
        URI link = URI.create(outcome.link());
        String path = link.getPath() + "?" + link.getQuery();
        assertThat(path).startsWith("/account/set-password?token=");

        try (Browser.Tab tab = browser.open()) {
            Page page = tab.go(path).page();
            assertThat(page.locator("h1")).hasText("Choose your password");
            tab.looksRight("first-admin-set-password");

            page.getByLabel("Password", new Page.GetByLabelOptions().setExact(true)).fill("too short");
            click(page, "Save password");
            assertThat(page).hasTitle(Pattern.compile("^Error: Choose your password"));
            assertThat(page.locator("#password-error")).containsText("at least 12 characters");
            tab.looksRight("first-admin-set-password-short");

            page.getByLabel("Password", new Page.GetByLabelOptions().setExact(true)).fill(PASSWORD);
            click(page, "Save password");
            assertThat(page).hasURL(Pattern.compile("/sign-in$"));
            assertThat(page.locator(".govuk-notification-banner")).containsText("Your password is saved");
            tab.looksRight("first-admin-sign-in");

            page.getByLabel("Email address or username").fill(email);
            page.getByLabel("Password", new Page.GetByLabelOptions().setExact(true)).fill(PASSWORD);
            click(page, "Sign in");
            assertThat(page).hasURL(Pattern.compile("/staff$"));
            assertThat(page.locator("#navigation a[href='/staff/people']")).hasText("People");

            tab.go(path);
            assertThat(page.locator("h1")).hasText("This link has already been used");
            tab.looksRight("first-admin-link-used");
        }
        try (Browser.Tab tab = browser.open()) {
            Page page = tab.go("/account/set-password?token=cut-short").page();
            assertThat(page.locator("h1")).hasText("This link does not work");
            tab.looksRight("first-admin-link-unknown");
        }
    }

    private static void click(Page page, String button) {
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(button).setExact(true)).click();
    }
}
