package org.kith.web.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.util.UUID;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.kith.identity.CurrentUser;
import org.kith.support.Browser;
import org.kith.support.BrowserTest;
import org.kith.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

/**
 * An administrator at /staff/people: invites a person (the errors first), changes their roles and funds, and
 * deactivates them. axe-core and a phone-width screenshot on every page, and the list at desktop width too.
 */
class StaffPeopleBrowserTest extends BrowserTest {

    private static final String FUND = "Social Isolation and Loneliness Fund";

    @Autowired
    TestData data;

    @Test
    void anAdministratorInvitesAPerson_changesTheirRoles_andDeactivatesThem() {
        CurrentUser admin = data.admin();
        String email = "ruaridh-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        try (Browser.Tab tab = browser.open()) {
            Page page = tab.signIn(admin.username());
            assertThat(page).hasURL(Pattern.compile("/staff$"));
            assertThat(page.locator("#navigation a[href='/staff/people']")).hasText("People");
            tab.go("/staff/people");
            assertThat(page.locator("h1")).hasText("Staff accounts");
            assertThat(page.locator("table")).containsText("assessor1@example.org");
            tab.looksRight("people-list");

            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Invite a person")).click();
            assertThat(page.locator("h1")).hasText("Invite a person");
            tab.looksRight("people-invite");
            click(page, "Send invitation");
            assertThat(page).hasTitle(Pattern.compile("^Error: Invite a person"));
            assertThat(page.locator(".govuk-error-summary")).containsText("Enter an email address");
            assertThat(page.locator(".govuk-error-summary")).containsText("Choose at least one role");
            tab.looksRight("people-invite-errors");

            page.getByLabel("Email address").fill(email);
            page.getByLabel("Full name").fill("Ruaridh Campbell");
            page.getByLabel("Funder").check();
            click(page, "Send invitation");
            assertThat(page.locator("#funds-error")).containsText("Choose the funds this funder may see");
            assertThat(page.getByLabel("Email address")).hasValue(email);
            assertThat(page.getByLabel("Full name")).hasValue("Ruaridh Campbell");
            assertThat(page.getByLabel("Funder")).isChecked();
            tab.looksRight("people-invite-funder-without-fund");

            page.getByLabel(FUND).check();
            click(page, "Send invitation");
            assertThat(page).hasURL(Pattern.compile("/staff/people/\\d+$"));
            assertThat(page.locator(".govuk-notification-banner")).containsText("We have sent an invitation to " + email);
            Locator summary = page.locator(".govuk-summary-list");
            assertThat(summary).containsText("Funder");
            assertThat(summary).containsText(FUND);
            tab.looksRight("people-person");

            page.getByLabel("Funder").uncheck();
            page.getByLabel("Assessor").check();
            page.getByLabel("Fund manager").check();
            page.getByLabel(FUND).uncheck();
            click(page, "Save changes");
            assertThat(page.locator(".govuk-notification-banner")).containsText("are saved");
            assertThat(summary).containsText("Assessor, Fund manager");
            assertThat(summary).containsText("All funds");
            tab.looksRight("people-person-changed");

            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Deactivate account")).click();
            assertThat(page.locator("h1")).hasText("Are you sure you want to deactivate this account?");
            tab.looksRight("people-deactivate");
            click(page, "Deactivate account");
            assertThat(page.locator(".govuk-notification-banner")).containsText("is deactivated and signed out");
            assertThat(summary).containsText("Deactivated on");
            tab.looksRight("people-person-deactivated");

            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Back")).click();
            assertThat(page.locator("tr", new Page.LocatorOptions().setHasText(email))).containsText("Deactivated");
            tab.desktopScreenshot("people-list");
        }
    }

    private static void click(Page page, String button) {
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(button).setExact(true)).click();
    }
}
