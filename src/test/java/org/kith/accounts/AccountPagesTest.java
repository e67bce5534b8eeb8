package org.kith.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.kith.identity.CurrentUser;
import org.kith.support.EngineDriver;
import org.kith.support.KithTest;
import org.kith.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;
import jakarta.servlet.http.Cookie;

import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The account pages over HTTP: what each shows, the service's reasons as field errors with what was typed kept
 * (never a password), the same answer whether or not an address has an account, and every state of a link.
 */
@KithTest
class AccountPagesTest {

    static final String PASSWORD = "kettle on for the tuesday lunch";
    static final String NEW_PASSWORD = "soup and a blether every week";
    static final String FUND = "social-isolation-and-loneliness";

    @Autowired
    MockMvc mvc;
    @Autowired
    Registration registration;
    @Autowired
    Mailbox mailbox;
    @Autowired
    EngineDriver engine;
    @Autowired
    TestData data;

    @AfterEach
    void resetClock() {
        engine.resetClock();
    }

    private static String fresh() {
        return "morag-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
    }

    private String confirmed() {
        String address = registration.register("Morag Stewart", fresh(), PASSWORD);
        registration.confirm(mailbox.token(address, "ACCOUNT_CONFIRM", "/account/confirm"));
        return address;
    }

    @Test
    void registerAsksForNameEmailAndPassword_andKeepsTheFundBeingAppliedFor() throws Exception {
        mvc.perform(get("/register").param("fund", FUND).param("amount", "2500"))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("Create an account"),
                        containsString("name=\"fund\" value=\"" + FUND + "\""),
                        containsString("name=\"amount\" value=\"2500\""),
                        containsString("At least 12 characters"),
                        containsString("href=\"/applications/new?fund=" + FUND + "&amp;amount=2500\">Sign in</a>"),
                        containsString("autocomplete=\"new-password\""))));
    }

    @Test
    void aCommonPasswordIsRefusedWithItsReason_andWhatWasTypedIsKept_butNeverThePassword() throws Exception {
        mvc.perform(post("/register").with(csrf()).param("name", "Morag Stewart").param("email", "morag@example")
                        .param("password", "q1w2e3r4t5y6"))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("<title>Error: Create an account"),
                        containsString("Enter an email address in the correct format"),
                        containsString("one of the most common passwords"),
                        containsString("value=\"Morag Stewart\""), containsString("value=\"morag@example\""),
                        containsString("href=\"#email\""), containsString("href=\"#password\""),
                        not(containsString("q1w2e3r4t5y6")))));
    }

    @Test
    void aShortPasswordIsRefused() throws Exception {
        mvc.perform(post("/register").with(csrf()).param("name", "Morag").param("email", fresh())
                        .param("password", "too short"))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("at least 12 characters"),
                        not(containsString("too short")))));
    }

    @Test
    void registeringAnAddressThatHasAnAccountAnswersTheSame() throws Exception {
        String address = confirmed();
        Cookie session = mvc.perform(post("/register").with(csrf()).param("name", "Someone Else")
                        .param("email", address).param("password", NEW_PASSWORD))
                .andExpect(redirectedUrl(AccountPages.REGISTERED))
                .andExpect(flash().attribute("address", address))
                .andReturn().getResponse().getCookie("SESSION");
        mvc.perform(post("/register").with(csrf()).param("name", "Morag").param("email", fresh())
                        .param("password", NEW_PASSWORD))
                .andExpect(redirectedUrl(AccountPages.REGISTERED));
        mvc.perform(get(AccountPages.REGISTERED).cookie(session))
                .andExpect(content().string(containsString("We have sent an email to " + address)));
        mvc.perform(get(AccountPages.REGISTERED))
                .andExpect(content().string(containsString("We have sent you an email.")));
    }

    @Test
    void afterConfirming_signInLeadsToTheApplicationForTheFundTheyChecked() throws Exception {
        String address = fresh();
        Cookie session = mvc.perform(get("/register").param("fund", FUND).param("amount", "2500"))
                .andReturn().getResponse().getCookie("SESSION");
        mvc.perform(post("/register").cookie(session).with(csrf()).param("name", "Morag").param("email", address)
                        .param("password", PASSWORD).param("fund", FUND).param("amount", "2500"))
                .andExpect(redirectedUrl(AccountPages.REGISTERED));
        String token = mailbox.token(address, "ACCOUNT_CONFIRM", "/account/confirm");
        mvc.perform(get("/account/confirm").cookie(session).param("token", token))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("Your email address is confirmed"),
                        containsString("href=\"/applications/new?fund=" + FUND + "&amp;amount=2500\""))));
        // a fund slug that is not one is never put into a link
        mvc.perform(get("/register").param("fund", "https://evil.example").param("amount", "1"))
                .andExpect(content().string(not(containsString("evil.example"))));
    }

    @Test
    void eachStateOfAConfirmationLinkHasItsOwnPage() throws Exception {
        String address = registration.register("Morag", fresh(), PASSWORD);
        String token = mailbox.token(address, "ACCOUNT_CONFIRM", "/account/confirm");
        mvc.perform(get("/account/confirm").param("token", "cut-short"))
                .andExpect(content().string(allOf(containsString("This link does not work"),
                        containsString("Send me a new link"), containsString("href=\"/account/confirm/again\""))));
        mvc.perform(get("/account/confirm"))
                .andExpect(content().string(containsString("This link does not work")));
        engine.advance(Duration.ofHours(25));
        mvc.perform(get("/account/confirm").param("token", token))
                .andExpect(content().string(allOf(containsString("This link has expired"),
                        containsString("Send me a new link"))));
        engine.resetClock();
        mvc.perform(get("/account/confirm").param("token", token))
                .andExpect(content().string(allOf(containsString("Your email address is confirmed"),
                        containsString("href=\"/sign-in\""))));
        mvc.perform(get("/account/confirm").param("token", token))
                .andExpect(content().string(containsString("This link has already been used")));
    }

    @Test
    void sendingTheConfirmationAgainAnswersTheSameForAnyAddress() throws Exception {
        mvc.perform(post("/account/confirm/again").with(csrf()).param("email", " "))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Enter the email address you registered with")));
        String address = registration.register("Morag", fresh(), PASSWORD);
        mvc.perform(post("/account/confirm/again").with(csrf()).param("email", address))
                .andExpect(redirectedUrl(AccountPages.RESENT));
        assertThat(mailbox.to(address, "ACCOUNT_CONFIRM")).hasSize(2);
        mvc.perform(post("/account/confirm/again").with(csrf()).param("email", fresh()))
                .andExpect(redirectedUrl(AccountPages.RESENT));
    }

    @Test
    void aForgottenPasswordAnswersTheSameWhetherOrNotTheAddressHasAnAccount() throws Exception {
        mvc.perform(post("/account/forgot-password").with(csrf()).param("email", "not an address"))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("in the correct format"),
                        containsString("value=\"not an address\""))));
        String nobody = fresh();
        mvc.perform(post("/account/forgot-password").with(csrf()).param("email", nobody))
                .andExpect(redirectedUrl(AccountPages.RESET_SENT)).andExpect(flash().attribute("address", nobody));
        String address = confirmed();
        mvc.perform(post("/account/forgot-password").with(csrf()).param("email", address))
                .andExpect(redirectedUrl(AccountPages.RESET_SENT)).andExpect(flash().attribute("address", address));
        assertThat(mailbox.to(nobody)).isEmpty();
        assertThat(mailbox.to(address, "PASSWORD_RESET")).hasSize(1);
        mvc.perform(get(AccountPages.RESET_SENT))
                .andExpect(content().string(allOf(containsString("Check your email"),
                        containsString("href=\"/account/forgot-password\">Ask for another link"),
                        not(containsString("Send the confirmation link again")))));
    }

    @Test
    void aResetLinkSetsANewPasswordOnce_withThePolicysReasons_andEndsOnSignInWithABanner() throws Exception {
        String address = confirmed();
        mvc.perform(post("/account/forgot-password").with(csrf()).param("email", address));
        String token = mailbox.token(address, "PASSWORD_RESET", "/account/reset-password");
        mvc.perform(get("/account/reset-password").param("token", token))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("Choose a new password"),
                        containsString("name=\"token\" value=\"" + token + "\""))));
        mvc.perform(post("/account/reset-password").with(csrf()).param("token", token).param("password", "q1w2e3r4t5y6"))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("one of the most common passwords"),
                        containsString("name=\"token\" value=\"" + token + "\""),
                        not(containsString("q1w2e3r4t5y6")))));
        Cookie session = mvc.perform(post("/account/reset-password").with(csrf()).param("token", token)
                        .param("password", NEW_PASSWORD))
                .andExpect(redirectedUrl("/sign-in"))
                .andExpect(flash().attribute("successBanner", "Your password has been changed. Sign in with your new password."))
                .andReturn().getResponse().getCookie("SESSION");
        mvc.perform(get("/sign-in").cookie(session))
                .andExpect(content().string(containsString("govuk-notification-banner--success")));
        mvc.perform(get("/account/reset-password").param("token", token))
                .andExpect(content().string(allOf(containsString("This link has already been used"),
                        containsString("href=\"/account/forgot-password\""))));
        mvc.perform(post("/account/reset-password").with(csrf()).param("token", token).param("password", PASSWORD))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("This link has already been used")));
    }

    @Test
    void anExpiredResetLinkSaysSo() throws Exception {
        String address = confirmed();
        mvc.perform(post("/account/forgot-password").with(csrf()).param("email", address));
        String token = mailbox.token(address, "PASSWORD_RESET", "/account/reset-password");
        engine.advance(Duration.ofMinutes(61));
        mvc.perform(get("/account/reset-password").param("token", token))
                .andExpect(content().string(allOf(containsString("This link has expired"),
                        not(containsString("name=\"token\"")))));
        mvc.perform(post("/account/reset-password").with(csrf()).param("token", token).param("password", NEW_PASSWORD))
                .andExpect(content().string(containsString("This link has expired")));
    }

    @Test
    void theAccountPageShowsNameAndAddress_andNeedsSigningIn() throws Exception {
        mvc.perform(get("/account").accept(MediaType.TEXT_HTML)).andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("http://localhost/sign-in"));
        String address = confirmed();
        mvc.perform(get("/account").with(user(address)))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("Your account"), containsString("Morag Stewart"),
                        containsString(address), containsString("href=\"/account/email\""),
                        containsString("href=\"/account/password\""))));
    }

    @Test
    void aWrongCurrentPasswordIsAnErrorOnThePasswordField_andANewAddressStaysPendingUntilConfirmed() throws Exception {
        String address = confirmed();
        String moved = fresh();
        mvc.perform(post("/account/email").with(user(address)).with(csrf()).param("email", moved)
                        .param("currentPassword", "not the password at all"))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("href=\"#currentPassword\""),
                        containsString("id=\"currentPassword-error\""), containsString("Your current password is not right"),
                        containsString("value=\"" + moved + "\""), not(containsString("not the password at all")))));
        mvc.perform(post("/account/email").with(user(address)).with(csrf()).param("email", "moved@nowhere")
                        .param("currentPassword", PASSWORD))
                .andExpect(content().string(containsString("Enter an email address in the correct format")));
        mvc.perform(post("/account/email").with(user(address)).with(csrf()).param("email", moved)
                        .param("currentPassword", PASSWORD))
                .andExpect(redirectedUrl("/account"))
                .andExpect(flash().attribute("successBanner",
                        "We have sent a link to " + moved + ". Your email address changes when you open it."));
        mvc.perform(get("/account").with(user(address)))
                .andExpect(content().string(containsString("Changing to " + moved)));
    }

    @Test
    void changingThePasswordNeedsTheCurrentOne_andANewOneThePolicyAccepts() throws Exception {
        CurrentUser someone = data.unregisteredApplicant();
        mvc.perform(post("/account/password").with(user(someone.username())).with(csrf())
                        .param("currentPassword", "wrong").param("newPassword", "short"))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("Your current password is not right"),
                        containsString("at least 12 characters"), not(containsString("value=\"short\"")))));
        mvc.perform(post("/account/password").with(user(someone.username())).with(csrf())
                        .param("currentPassword", TestData.PASSWORD).param("newPassword", NEW_PASSWORD))
                .andExpect(redirectedUrl("/account"))
                .andExpect(flash().attribute("successBanner", "Your password has been changed."));
    }
}
