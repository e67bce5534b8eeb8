package org.kith.web.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.kith.support.Browser;
import org.kith.support.BrowserTest;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

/**
 * The pages anyone meets before signing in, and the shared layer under every page: the home page, the
 * eligibility check with its error and ineligible states, sign-in with its failures, and the error pages. Each
 * in real Chromium, checked by axe-core and screenshot at phone width.
 */
class PublicPagesBrowserTest extends BrowserTest {

    @Test
    void theHomePageListsTheOpenFundsInPlainEnglish() {
        try (Browser.Tab tab = browser.open()) {
            Page page = tab.go("/").page();
            assertThat(page).hasTitle("Grants for community groups – Kith");
            assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Social Isolation and Loneliness Fund").setExact(true))).isVisible();
            assertThat(page.locator("main")).containsText("£500 to £20,000");
            assertThat(page.locator("main")).containsText("31 March 2027");
            assertThat(page.locator("main")).containsText("About 8 weeks");
            assertThat(page.locator("main")).containsText("Activity that mainly promotes religion or party politics");
            tab.looksRight("home");
            tab.page().setViewportSize(1280, 900);
            tab.page().screenshot(new Page.ScreenshotOptions()
                    .setPath(Browser.SCREENSHOTS.resolve("home-desktop.png")).setFullPage(true));
        }
    }

    @Test
    void aGroupChecksItCanApply_questionByQuestion_withoutAnAccount() {
        try (Browser.Tab tab = browser.open()) {
            Page page = tab.go("/").page();
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(
                    Pattern.compile("Check if you can apply\\s+to Social Isolation and Loneliness Fund$"))).click();
            assertThat(page.locator("h1")).hasText("Will the activity take place in Scotland?");
            tab.looksRight("eligibility-question");

            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Continue")).click();
            assertThat(page).hasTitle(Pattern.compile("^Error: Will the activity take place in Scotland\\?"));
            assertThat(page.locator(".govuk-error-summary")).containsText("Select yes or no");
            assertThat(page.locator(".govuk-error-summary a")).hasAttribute("href", "#answer");
            tab.looksRight("eligibility-question-error");

            page.getByLabel("Yes").check();
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Continue")).click();
            page.getByLabel("Yes").check();
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Continue")).click();
            assertThat(page.locator("h1")).containsText("religion");
            page.getByLabel("No").check();
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Continue")).click();
            assertThat(page.locator("h1")).hasText("What kind of group are you?");
            tab.looksRight("eligibility-legal-form");
            page.getByLabel("A group that is not registered").check();
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Continue")).click();

            assertThat(page.locator("h1")).hasText("How much do you want to ask for?");
            page.getByLabel("How much do you want to ask for?").fill("two thousand");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Continue")).click();
            assertThat(page.locator(".govuk-error-message")).containsText("Enter the amount as a number of pounds");
            assertThat(page.getByLabel("How much do you want to ask for?")).hasValue("two thousand");
            tab.looksRight("eligibility-amount-error");
            page.getByLabel("How much do you want to ask for?").fill("£2,500");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Continue")).click();

            assertThat(page.locator("h1")).hasText("Your group can apply");
            assertThat(page.locator("main")).containsText("The first time a group without a charity or company number is funded, two people read");
            tab.looksRight("eligibility-eligible");
        }
    }

    @Test
    void anAnswerThatRulesAGroupOut_leadsToAPageSayingWhyAndWhatElse_notAFieldError() {
        try (Browser.Tab tab = browser.open()) {
            Page page = tab.go("/funds/social-isolation-and-loneliness/check").page();
            page.getByLabel("No").check();
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Continue")).click();
            assertThat(page.locator("h1")).hasText("Your group cannot apply to this fund");
            assertThat(page.locator("main")).containsText("only supports activity that takes place in Scotland");
            assertThat(page.locator("main")).containsText("What you could do instead");
            assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Community Places Small Grants"))).isVisible();
            assertThat(page.locator(".govuk-error-summary")).hasCount(0);
            tab.looksRight("eligibility-not-eligible");

            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Change your answer")).click();
            assertThat(page.getByLabel("No")).isChecked();
        }
    }

    @Test
    void theFooterLeadsToTheAccessibilityStatement_thePrivacyNotice_andTheCookiesPage() {
        try (Browser.Tab tab = browser.open()) {
            Page page = tab.go("/").page();
            for (String[] link : new String[][] {{"Accessibility statement", "accessibility"},
                    {"Privacy notice", "privacy"}, {"Cookies", "cookies"}}) {
                page.locator("footer").getByRole(AriaRole.LINK, new com.microsoft.playwright.Locator.GetByRoleOptions()
                        .setName(link[0]).setExact(true)).click();
                assertThat(page.locator("h1")).hasText(link[0]);
                tab.looksRight("site-" + link[1]);
            }
            assertThat(page.locator("main")).containsText("SESSION");
        }
    }

    @Test
    void aWrongPasswordSaysOnlyThatTheDetailsAreWrong_andKeepsTheUsername() {
        try (Browser.Tab tab = browser.open()) {
            Page page = tab.go("/sign-in").page();
            tab.looksRight("sign-in");
            page.getByLabel("Email address or username").fill("applicant1");
            page.getByLabel("Password", new Page.GetByLabelOptions().setExact(true)).fill("not-the-password");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
            assertThat(page).hasTitle(Pattern.compile("^Error: Sign in"));
            assertThat(page.locator(".govuk-error-summary")).containsText("the details you entered are not right");
            assertThat(page.getByLabel("Email address or username")).hasValue("applicant1");
            assertThat(page.getByLabel("Password", new Page.GetByLabelOptions().setExact(true))).hasValue("");
            tab.looksRight("sign-in-wrong");
        }
    }

    @Test
    void afterTooManyWrongPasswords_thePageSaysSoAndWhenToTryAgain() {
        String username = "someone-guessing-" + System.nanoTime();
        try (Browser.Tab tab = browser.open()) {
            Page page = tab.go("/sign-in").page();
            for (int i = 0; i < 11; i++) {
                page.getByLabel("Email address or username").fill(username);
                page.getByLabel("Password", new Page.GetByLabelOptions().setExact(true)).fill("guess-" + i);
                page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
            }
            assertThat(page.locator(".govuk-error-summary")).containsText("too many attempts to sign in");
            assertThat(page.locator(".govuk-error-summary")).containsText(Pattern.compile("Try again in 1[45] minutes"));
            tab.looksRight("sign-in-locked");
        }
    }

    @Test
    void staffAndApplicantsShareTheSignInPage_andLandOnTheirOwnStartPage_andCanSignOut() {
        try (Browser.Tab tab = browser.open()) {
            Page page = tab.go("/sign-in").page();
            page.getByLabel("Email address or username").fill("manager1");
            page.getByLabel("Password", new Page.GetByLabelOptions().setExact(true)).fill("kith-demo");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
            assertThat(page).hasURL(Pattern.compile("/staff$"));
            tab.looksRight("staff-start");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Menu")).click();
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign out")).click();
            assertThat(page.locator(".govuk-notification-banner")).containsText("You have signed out");
        }
    }

    @Test
    void theSessionChangesIdAtSignIn() {
        try (Browser.Tab tab = browser.open()) {
            Page page = tab.go("/sign-in").page();
            String before = sessionCookie(page);
            page.getByLabel("Email address or username").fill("manager1");
            page.getByLabel("Password", new Page.GetByLabelOptions().setExact(true)).fill("kith-demo");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
            assertThat(page).hasURL(Pattern.compile("/staff$"));
            assertThat(sessionCookie(page)).isNotNull().isNotEqualTo(before);
        }
    }

    @Test
    void everyErrorPageIsInTheLayout_withNoInternalDetail() {
        try (Browser.Tab tab = browser.open()) {
            Page page = tab.go("/sign-in").page();
            page.getByLabel("Email address or username").fill("manager1");
            page.getByLabel("Password", new Page.GetByLabelOptions().setExact(true)).fill("kith-demo");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
            String[][] expected = {
                    {"400", "Check what you asked for"},
                    {"403", "You cannot see this page"},
                    {"404", "Page not found"},
                    {"409", "This has already been handled"},
                    {"413", "The file is too big"},
                    {"500", "Sorry, there is a problem with the service"},
                    {"503", "Sorry, the service is unavailable for a moment"}};
            for (String[] error : expected) {
                int status = Integer.parseInt(error[0]);
                tab.expectStatus(status);
                var response = page.navigate(ErrorPagesProbe.PATH + status);
                assertThat(response.status()).isEqualTo(status);
                assertThat(page.locator("h1")).hasText(error[1]);
                assertThat(page.locator(".kith-header")).isVisible();
                assertThat(page.content()).doesNotContain("Exception", "SELECT", "probe", "at org.");
                if (status == 400) {
                    assertThat(page.locator("main")).containsText("Pages are numbered from 0.");
                }
                tab.looksRight("error-" + status);
            }
            assertThat(page.navigate(ErrorPagesProbe.PATH + "503").headerValue("Retry-After")).isEqualTo("10");
            tab.expectStatus(404);
            page.navigate("/no/such/page");
            assertThat(page.locator("h1")).hasText("Page not found");
            tab.looksRight("error-404-unknown-path");
        }
    }

    private static String sessionCookie(Page page) {
        return page.context().cookies().stream().filter(c -> c.name.equals("SESSION")).map(c -> c.value)
                .findFirst().orElse(null);
    }
}
