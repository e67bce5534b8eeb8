package org.kith.web.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.kith.accounts.Mailbox;
import org.kith.accounts.Registration;
import org.kith.support.Browser;
import org.kith.support.BrowserTest;
import org.springframework.beans.factory.annotation.Autowired;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

/**
 * Accounts and groups through their pages, as people meet them: registering from the eligibility result,
 * confirming the address from the email (read from the outbox), signing in, telling us about the group, inviting
 * a second person who registers on the way and accepts; and a forgotten password, the account page and the
 * links that no longer work. Every page and every error state is checked by axe-core and screenshot at phone width.
 */
class AccountPagesBrowserTest extends BrowserTest {

    static final String PASSWORD = "kettle on for the tuesday lunch";
    static final String FUND = "social-isolation-and-loneliness";

    @Autowired
    Mailbox mailbox;
    @Autowired
    Registration registration;

    private static String fresh(String who) {
        return who + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
    }

    private static void click(Page page, String button) {
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(button).setExact(true)).click();
    }

    private static void signIn(Page page, String username, String password) {
        page.getByLabel("Email address or username").fill(username);
        page.getByLabel("Password", new Page.GetByLabelOptions().setExact(true)).fill(password);
        click(page, "Sign in");
    }

    @Test
    void aGroupRegistersConfirmsTellsUsAboutItself_andInvitesASecondPersonWhoRegistersAndJoins() {
        String morag = fresh("morag");
        String group = "Leith Lunch Club " + UUID.randomUUID().toString().substring(0, 4);
        String nobody;
        try (Browser.Tab tab = browser.open()) {
            Page page = tab.go("/register?fund=" + FUND + "&amount=2500").page();
            assertThat(page.locator("h1")).hasText("Create an account");
            tab.looksRight("register");

            click(page, "Create account");
            assertThat(page).hasTitle(Pattern.compile("^Error: Create an account"));
            assertThat(page.locator(".govuk-error-summary")).containsText("Enter your name");
            assertThat(page.locator(".govuk-error-summary")).containsText("Enter an email address");
            assertThat(page.locator(".govuk-error-summary")).containsText("Enter a password");
            tab.looksRight("register-empty");

            page.getByLabel("Your full name").fill("Morag Stewart");
            page.getByLabel("Email address").fill("morag at example");
            page.getByLabel("Create a password").fill("q1w2e3r4t5y6");
            click(page, "Create account");
            assertThat(page.locator(".govuk-error-summary")).containsText("in the correct format");
            assertThat(page.locator("#password-error")).containsText("one of the most common passwords");
            assertThat(page.getByLabel("Your full name")).hasValue("Morag Stewart");
            assertThat(page.getByLabel("Email address")).hasValue("morag at example");
            assertThat(page.getByLabel("Create a password")).hasValue("");
            tab.looksRight("register-common-password");

            page.getByLabel("Email address").fill(morag);
            page.getByLabel("Create a password").fill("short words");
            click(page, "Create account");
            assertThat(page.locator("#password-error")).containsText("at least 12 characters");
            tab.looksRight("register-short-password");

            page.getByLabel("Create a password").fill(PASSWORD);
            click(page, "Create account");
            assertThat(page.locator("h1")).hasText("Check your email");
            assertThat(page.locator("main")).containsText("We have sent an email to " + morag);
            tab.looksRight("register-check-email");

            // not confirmed yet: sign-in says so and offers the link again
            tab.go("/sign-in");
            signIn(page, morag, PASSWORD);
            assertThat(page.locator(".govuk-error-summary")).containsText("Confirm your email address first");
            tab.looksRight("sign-in-unconfirmed");
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Send the confirmation link again")).click();
            assertThat(page.locator("h1")).hasText("Send the confirmation link again");
            tab.looksRight("confirm-again");
            click(page, "Send the link");
            assertThat(page.locator(".govuk-error-summary")).containsText("Enter the email address you registered with");
            tab.looksRight("confirm-again-empty");
            page.getByLabel("Email address").fill(morag);
            click(page, "Send the link");
            assertThat(page.locator("main")).containsText("If " + morag + " has an account that is not confirmed yet");
            tab.looksRight("confirm-again-sent");

            tab.go("/account/confirm?token=not-a-real-token");
            assertThat(page.locator("h1")).hasText("This link does not work");
            tab.looksRight("confirm-unknown");

            String confirm = mailbox.token(morag, "ACCOUNT_CONFIRM", "/account/confirm");
            tab.go("/account/confirm?token=" + confirm);
            assertThat(page.locator("h1")).hasText("Your email address is confirmed");
            tab.looksRight("confirmed");

            // Sign in, then on to where they were going: the application for the fund they checked
            click(page, "Sign in");
            assertThat(page).hasURL(Pattern.compile("/sign-in$"));
            signIn(page, morag, PASSWORD);
            // the application for that fund needs a group first: the applications page asks for it
            assertThat(page).hasURL(Pattern.compile("/applications$"));
            assertThat(page.locator("h1")).hasText("Tell us about your group first");

            tab.go("/account/confirm?token=" + confirm);
            assertThat(page.locator("h1")).hasText("This link has already been used");
            tab.looksRight("confirm-used");

            // the group, told once
            tab.go("/applications");
            tab.looksRight("applications-no-group");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add your group’s details")).click();
            assertThat(page).hasURL(Pattern.compile("/group/new$"));
            assertThat(page.locator("h1")).hasText("Tell us about your group");
            assertThat(page.getByLabel("Contact name")).hasValue("Morag Stewart");
            assertThat(page.getByLabel("Contact email address")).hasValue(morag);
            tab.looksRight("group-new");
            page.getByLabel("Name of the group").fill(group);
            page.getByLabel("Scottish charity (registered with OSCR)").check();
            page.getByLabel("Postcode").fill("EH99 9ZZZ");
            page.getByLabel("Income in the group’s last year").fill("twelve thousand");
            click(page, "Save and continue");
            assertThat(page).hasTitle(Pattern.compile("^Error: Tell us about your group"));
            assertThat(page.locator(".govuk-error-summary a").first()).hasAttribute("href", "#charityNumber");
            assertThat(page.locator("#charityNumber-error")).containsText("Enter the charity number");
            assertThat(page.locator("#postcode-error")).containsText("Enter a real UK postcode");
            assertThat(page.locator("#localAuthority-error")).containsText("Choose the council area");
            assertThat(page.locator("#annualIncome-error")).containsText("whole number of pounds");
            assertThat(page.getByLabel("Name of the group")).hasValue(group);
            assertThat(page.getByLabel("Postcode")).hasValue("EH99 9ZZZ");
            assertThat(page.getByLabel("Scottish charity (registered with OSCR)")).isChecked();
            tab.looksRight("group-new-errors");

            page.getByLabel("A group that is not registered").check();
            page.getByLabel("Address line 1").fill("12 Great Junction Street");
            page.getByLabel("Town or city").fill("Edinburgh");
            page.getByLabel("Postcode").fill("eh6 5lq");
            page.getByLabel("Council area where the group works").selectOption("City of Edinburgh");
            page.getByLabel("Income in the group’s last year").fill("12,000");
            page.getByLabel("Contact phone number").fill("0131 496 0000");
            click(page, "Save and continue");
            // on to the application they were starting
            assertThat(page).hasURL(Pattern.compile("/applications/new\\?fund=" + FUND + "&amount=2500$"));

            tab.go("/group");
            assertThat(page.locator("h1")).hasText(group);
            assertThat(page.locator(".govuk-summary-list")).containsText("EH6 5LQ");
            assertThat(page.locator(".govuk-summary-list")).containsText("£12,000");
            assertThat(page.locator("main")).containsText("There are no invitations waiting for an answer");
            tab.looksRight("group");

            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Change name of the group")).click();
            assertThat(page.locator("h1")).hasText("Change your group’s details");
            tab.looksRight("group-edit");
            page.getByLabel("Contact phone number").fill("call me");
            click(page, "Save changes");
            assertThat(page.locator("#contactPhone-error")).containsText("Enter a phone number");
            tab.looksRight("group-edit-error");
            page.getByLabel("Contact phone number").fill("+44 131 496 0001");
            click(page, "Save changes");
            assertThat(page.locator(".govuk-notification-banner")).containsText("Your group’s details have been saved");
            assertThat(page.locator(".govuk-summary-list")).containsText("+44 131 496 0001");
            tab.looksRight("group-saved");

            // invite: a wrong address, someone who never answers (cancelled), and Ewan
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Invite someone to the group")).click();
            assertThat(page.locator("h1")).hasText("What is their email address?");
            tab.looksRight("invite");
            page.getByLabel("What is their email address?").fill(morag);
            click(page, "Send invitation");
            assertThat(page.locator("#email-error")).containsText("already a member of your group");
            tab.looksRight("invite-error");
            nobody = fresh("nobody");
            page.getByLabel("What is their email address?").fill(nobody);
            click(page, "Send invitation");
            assertThat(page.locator(".govuk-panel")).containsText("We have sent an invitation to " + nobody);
            tab.looksRight("invite-sent");
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Back to your group")).click();
            assertThat(page.locator("main")).containsText(nobody);
            tab.looksRight("group-pending");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Cancel invitation to " + nobody)).click();
            assertThat(page.locator(".govuk-notification-banner")).containsText("The invitation has been cancelled");
            assertThat(page.locator("main")).not().containsText(nobody);
            tab.looksRight("group-cancelled");
            String cancelledLink = mailbox.token(nobody, "GROUP_INVITATION", "/group/invitation");

            String ewan = fresh("ewan");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Invite someone to the group")).click();
            page.getByLabel("What is their email address?").fill(ewan);
            click(page, "Send invitation");
            assertThat(page.locator(".govuk-panel")).containsText("We have sent an invitation to " + ewan);
            String invitation = mailbox.token(ewan, "GROUP_INVITATION", "/group/invitation");

            try (Browser.Tab ewanTab = browser.open()) {
                Page other = ewanTab.go("/group/invitation?token=" + cancelledLink).page();
                assertThat(other.locator("h1")).hasText("This invitation has been cancelled");
                ewanTab.looksRight("invitation-cancelled");
                ewanTab.go("/group/invitation?token=cut-short");
                assertThat(other.locator("h1")).hasText("This invitation link does not work");
                ewanTab.looksRight("invitation-unknown");

                ewanTab.go("/group/invitation?token=" + invitation);
                assertThat(other.locator("h1")).hasText("Join " + group);
                assertThat(other.locator("main")).containsText("Morag Stewart invited you to join " + group);
                assertThat(other.locator("main")).containsText("Sign in or create an account first");
                ewanTab.looksRight("invitation-signed-out");

                other.locator("main").getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Create an account")).click();
                other.getByLabel("Your full name").fill("Ewan McLeod");
                other.getByLabel("Email address").fill(ewan);
                other.getByLabel("Create a password").fill("soup and a blether every week");
                click(other, "Create account");
                assertThat(other.locator("h1")).hasText("Check your email");
                ewanTab.go("/account/confirm?token=" + mailbox.token(ewan, "ACCOUNT_CONFIRM", "/account/confirm"));
                assertThat(other.locator("h1")).hasText("Your email address is confirmed");
                click(other, "Sign in");
                signIn(other, ewan, "soup and a blether every week");

                // back on the invitation after signing in
                assertThat(other).hasURL(Pattern.compile("/group/invitation\\?token="));
                assertThat(other.locator("h1")).hasText("Join " + group);
                ewanTab.looksRight("invitation");
                click(other, "Accept and join");
                assertThat(other).hasURL(Pattern.compile("/applications$"));
                assertThat(other.locator(".govuk-notification-banner")).containsText("You have joined " + group);
                ewanTab.looksRight("joined");

                ewanTab.go("/group");
                assertThat(other.locator("h1")).hasText(group);
                assertThat(other.locator("main")).containsText("Ewan McLeod");
                assertThat(other.locator("main")).containsText("Morag Stewart");
                ewanTab.looksRight("group-two-members");

                ewanTab.go("/group/invitation?token=" + invitation);
                assertThat(other.locator("h1")).hasText("This invitation has already been used");
                ewanTab.looksRight("invitation-used");
            }
        }
    }

    @Test
    void aForgottenPassword_thenTheAccountPage_changingAddressAndPassword() {
        String morag = fresh("forgetful");
        registration.register("Morag Stewart", morag, PASSWORD);
        registration.confirm(mailbox.token(morag, "ACCOUNT_CONFIRM", "/account/confirm"));
        String newPassword = "soup and a blether every week";
        try (Browser.Tab tab = browser.open()) {
            Page page = tab.go("/sign-in").page();
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Forgotten your password?")).click();
            assertThat(page.locator("h1")).hasText("Reset your password");
            tab.looksRight("forgot-password");
            click(page, "Send the link");
            assertThat(page.locator("#email-error")).containsText("Enter an email address");
            tab.looksRight("forgot-password-empty");
            String nobody = fresh("nobody");
            page.getByLabel("Email address").fill(nobody);
            click(page, "Send the link");
            assertThat(page.locator("main")).containsText("If " + nobody + " has a Kith account, we have sent it a link");
            tab.looksRight("forgot-password-sent");
            assertThat(mailbox.to(nobody)).isEmpty();
            tab.go("/account/forgot-password");
            page.getByLabel("Email address").fill(morag);
            click(page, "Send the link");
            assertThat(page.locator("main")).containsText("If " + morag + " has a Kith account, we have sent it a link");

            tab.go("/account/reset-password?token=cut-short");
            assertThat(page.locator("h1")).hasText("This link does not work");
            tab.looksRight("reset-password-unknown");

            String reset = mailbox.token(morag, "PASSWORD_RESET", "/account/reset-password");
            tab.go("/account/reset-password?token=" + reset);
            assertThat(page.locator("h1")).hasText("Choose a new password");
            assertThat(page).hasURL(Pattern.compile("token="));
            tab.looksRight("reset-password");
            page.getByLabel("New password").fill(morag);
            click(page, "Save new password");
            assertThat(page.locator("#password-error")).containsText("must not be your email address");
            assertThat(page.getByLabel("New password")).hasValue("");
            tab.looksRight("reset-password-error");
            page.getByLabel("New password").fill(newPassword);
            click(page, "Save new password");
            assertThat(page).hasURL(Pattern.compile("/sign-in$"));
            assertThat(page.locator(".govuk-notification-banner")).containsText("Your password has been changed");
            tab.looksRight("sign-in-after-reset");
            tab.go("/account/reset-password?token=" + reset);
            assertThat(page.locator("h1")).hasText("This link has already been used");
            tab.looksRight("reset-password-used");

            tab.go("/account");
            signIn(page, morag, newPassword);
            assertThat(page).hasURL(Pattern.compile("/account(\\?continue)?$"));
            assertThat(page.locator("h1")).hasText("Your account");
            assertThat(page.locator(".govuk-summary-list")).containsText(morag);
            tab.looksRight("account");

            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Change email address")).click();
            assertThat(page.locator("h1")).hasText("Change your email address");
            tab.looksRight("change-email");
            String moved = fresh("moved");
            page.getByLabel("New email address").fill(moved);
            page.getByLabel("Your current password").fill("not my password at all");
            click(page, "Send a link to the new address");
            assertThat(page.locator("#currentPassword-error")).containsText("Your current password is not right");
            assertThat(page.getByLabel("New email address")).hasValue(moved);
            tab.looksRight("change-email-wrong-password");
            page.getByLabel("Your current password").fill(newPassword);
            click(page, "Send a link to the new address");
            assertThat(page.locator(".govuk-notification-banner")).containsText("We have sent a link to " + moved);
            assertThat(page.locator(".govuk-summary-list")).containsText("Changing to " + moved);
            tab.looksRight("account-email-pending");

            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Change password")).click();
            assertThat(page.locator("h1")).hasText("Change your password");
            tab.looksRight("change-password");
            page.getByLabel("Your current password").fill("not my password at all");
            page.getByLabel("New password").fill("password");
            click(page, "Change password");
            assertThat(page.locator("#currentPassword-error")).containsText("Your current password is not right");
            assertThat(page.locator("#newPassword-error")).containsText("at least 12 characters");
            tab.looksRight("change-password-errors");
            page.getByLabel("Your current password").fill(newPassword);
            page.getByLabel("New password").fill(PASSWORD);
            click(page, "Change password");
            assertThat(page.locator(".govuk-notification-banner")).containsText("Your password has been changed");
            tab.looksRight("account-password-changed");

            tab.go("/account/confirm?token=" + mailbox.token(moved, "EMAIL_CHANGE_CONFIRM", "/account/confirm"));
            assertThat(page.locator("h1")).hasText("Your email address is confirmed");
            tab.looksRight("confirmed-new-address");
            click(page, "Go to your account");
            assertThat(page.locator(".govuk-summary-list")).containsText(moved);
        }
    }
}
