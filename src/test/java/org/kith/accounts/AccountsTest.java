package org.kith.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.authenticated;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.unauthenticated;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.kith.identity.Role;
import org.kith.identity.UserAccounts;
import org.kith.support.EngineDriver;
import org.kith.support.KithTest;
import org.kith.support.TestData;
import org.kith.web.InvalidInputException;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/** Registration, confirming the address, signing in by address, forgotten passwords, changing address and password. */
@KithTest
class AccountsTest {

    static final String PASSWORD = "kettle on for the tuesday lunch";
    static final String NEW_PASSWORD = "soup and a blether every week";

    @Autowired
    Registration registration;
    @Autowired
    PasswordReset reset;
    @Autowired
    AccountSettings settings;
    @Autowired
    UserAccounts accounts;
    @Autowired
    Mailbox mailbox;
    @Autowired
    EngineDriver engine;
    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TestData data;

    @AfterEach
    void resetClock() {
        engine.resetClock();
    }

    private static String fresh() {
        return "morag-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
    }

    /** A registered, confirmed applicant; its address. */
    private String confirmedApplicant() {
        String address = registration.register("Morag Stewart", fresh(), PASSWORD);
        assertThat(registration.confirm(mailbox.token(address, "ACCOUNT_CONFIRM", "/account/confirm")))
                .isEqualTo(ConfirmOutcome.CONFIRMED);
        return address;
    }

    private boolean signsIn(String typed, String password) throws Exception {
        MvcResult result = mvc.perform(formLogin("/sign-in").user(typed).password(password)).andReturn();
        // a failed sign-in goes back to the sign-in page (the reason is kept in the session), a good one onwards
        return result.getResponse().getRedirectedUrl() != null
                && !result.getResponse().getRedirectedUrl().endsWith("/sign-in");
    }

    private int sessionsOf(String username) {
        return jdbc.sql("SELECT COUNT(*) FROM SPRING_SESSION WHERE PRINCIPAL_NAME = :name")
                .param("name", username).query(Integer.class).single();
    }

    private static List<String> fields(InvalidInputException e) {
        return e.errors().stream().map(InvalidInputException.FieldError::field).toList();
    }

    // --- registration ---

    @Test
    void registering_makesAnUnconfirmedApplicantWithNoGroup_andSendsAConfirmationLink() {
        String typed = "  Morag.Stewart-" + UUID.randomUUID().toString().substring(0, 6) + "@Example.ORG ";
        String address = registration.register("Morag Stewart 🌱", typed, PASSWORD);

        assertThat(address).isEqualTo(typed.strip().replace("@Example.ORG", "@example.org"));
        UserAccounts.Account account = accounts.account(address).orElseThrow();
        assertThat(account.email()).isEqualTo(address);
        assertThat(account.displayName()).isEqualTo("Morag Stewart 🌱");
        assertThat(account.emailConfirmed()).isFalse();
        assertThat(account.organisationId()).isNull();
        assertThat(accounts.current(address).orElseThrow().roles()).containsExactly(Role.APPLICANT);
        Mailbox.Message message = mailbox.to(address, "ACCOUNT_CONFIRM").get(0);
        assertThat(message.subject()).isEqualTo("Confirm your email address for Kith");
        assertThat(message.body()).contains("http://localhost:8080/account/confirm?token=", "24 hours");
        assertThat(jdbc.sql("SELECT password_hash FROM app_user WHERE username = :u").param("u", address)
                .query(String.class).single()).startsWith("{bcrypt}");
    }

    @Test
    void theTokenIsStoredOnlyAsItsHash() {
        String address = registration.register("Morag Stewart", fresh(), PASSWORD);
        String token = mailbox.token(address, "ACCOUNT_CONFIRM", "/account/confirm");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM account_token WHERE token_hash = :t").param("t", token)
                .query(Integer.class).single()).isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM account_token WHERE token_hash = :t")
                .param("t", org.kith.identity.SecretTokens.hash(token)).query(Integer.class).single()).isOne();
    }

    @Test
    void registeringAnAddressThatHasAnAccount_answersTheSame_andTellsTheOwnerInstead() {
        String address = confirmedApplicant();
        int accountsBefore = jdbc.sql("SELECT COUNT(*) FROM app_user").query(Integer.class).single();

        String answer = registration.register("Someone Else", address.toUpperCase(), "another long passphrase");

        assertThat(answer).isEqualTo(address.toUpperCase().replace("@EXAMPLE.ORG", "@example.org"));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM app_user").query(Integer.class).single()).isEqualTo(accountsBefore);
        Mailbox.Message notice = mailbox.to(address, "ACCOUNT_EXISTS").get(0);
        assertThat(notice.subject()).isEqualTo("Someone tried to register with your email address");
        assertThat(notice.body()).contains("http://localhost:8080/sign-in",
                "http://localhost:8080/account/forgot-password");
        assertThat(accounts.account(address).orElseThrow().displayName()).isEqualTo("Morag Stewart");
    }

    @Test
    void registeringTwiceBeforeConfirming_sendsAFreshLink_andTheOldOneStops() {
        String address = registration.register("Morag Stewart", fresh(), PASSWORD);
        String first = mailbox.token(address, "ACCOUNT_CONFIRM", "/account/confirm");
        registration.register("Morag Stewart", address, PASSWORD);
        String second = mailbox.token(address, "ACCOUNT_CONFIRM", "/account/confirm");

        assertThat(second).isNotEqualTo(first);
        assertThat(registration.confirm(first)).isEqualTo(ConfirmOutcome.ALREADY_USED);
        assertThat(registration.confirm(second)).isEqualTo(ConfirmOutcome.CONFIRMED);
    }

    @Test
    void invalidInput_isAFieldErrorForEachField_neverAnythingWorse() {
        assertThatThrownBy(() -> registration.register(" ", "not-an-address", "password1234"))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(fields(e)).containsExactly("name", "email", "password");
                    assertThat(e.errors().get(2).message()).startsWith("This is one of the most common passwords");
                });
        String tooLongAddress = "a".repeat(90) + "@example.org";
        assertThatThrownBy(() -> registration.register("n".repeat(201), tooLongAddress, "x y".repeat(100)))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(fields(e)).containsExactly("name", "email", "password"));
        assertThatThrownBy(() -> registration.register("Mo\u0000rag", "a@b@example.org", null))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(fields(e)).containsExactly("name", "email", "password"));
        assertThatThrownBy(() -> registration.register(null, null, null))
                .isInstanceOf(InvalidInputException.class);
        String address = fresh();
        assertThatThrownBy(() -> registration.register("Morag", address, address))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(fields(e)).containsExactly("password"));
    }

    @Test
    void passwordsLongerThanBcryptTakes_upTo256Characters_workEverywhere() throws Exception {
        String longest = "🌱 kettle on for the tuesday lunch ".repeat(8).substring(0, 250) + "🌱🌱🌱";
        String address = registration.register("Morag Stewart", fresh(), longest);
        assertThat(registration.confirm(mailbox.token(address, "ACCOUNT_CONFIRM", "/account/confirm")))
                .isEqualTo(ConfirmOutcome.CONFIRMED);
        assertThat(signsIn(address, longest)).isTrue();
        assertThat(signsIn(address, longest.substring(0, 100))).as("every character counts").isFalse();

        String another = "a long walk round the harbour ".repeat(8);
        settings.changePassword(address, longest, another, null);
        assertThat(signsIn(address, another)).isTrue();
        reset.requestReset(address);
        reset.reset(mailbox.token(address, "PASSWORD_RESET", "/account/reset-password"), longest);
        assertThat(signsIn(address, longest)).isTrue();
    }

    // --- confirming ---

    @Test
    void anUnconfirmedAccountCannotSignIn_withTheRightPassword_andSaysWhy() throws Exception {
        String address = registration.register("Morag Stewart", fresh(), PASSWORD);

        assertThat(signsIn(address, PASSWORD)).isFalse();
        mvc.perform(get("/api/organisations/me").with(httpBasic(address, PASSWORD)))
                .andExpect(result -> {
                    assertThat(result.getResponse().getStatus()).isEqualTo(401);
                    assertThat(result.getResponse().getContentAsString())
                            .contains("Email address not confirmed", "Confirm your email address first");
                });
        mvc.perform(get("/api/organisations/me").with(httpBasic(address, "a wrong password here")))
                .andExpect(result -> assertThat(result.getResponse().getContentAsString())
                        .doesNotContain("confirm").contains("Sign in required"));
    }

    @Test
    void aConfirmationLinkWorksOnce_thenSignInWorksWithTheAddressInAnyCase() throws Exception {
        String address = registration.register("Morag Stewart", fresh(), PASSWORD);
        String token = mailbox.token(address, "ACCOUNT_CONFIRM", "/account/confirm");

        assertThat(registration.confirm(token)).isEqualTo(ConfirmOutcome.CONFIRMED);
        assertThat(registration.confirm(token)).isEqualTo(ConfirmOutcome.ALREADY_USED);
        assertThat(registration.confirm("not-a-token")).isEqualTo(ConfirmOutcome.UNKNOWN);
        assertThat(registration.confirm(null)).isEqualTo(ConfirmOutcome.UNKNOWN);
        assertThat(registration.confirm("x".repeat(10_000))).isEqualTo(ConfirmOutcome.UNKNOWN);

        assertThat(accounts.account(address).orElseThrow().emailConfirmed()).isTrue();
        mvc.perform(formLogin("/sign-in").user(address.toUpperCase()).password(PASSWORD))
                .andExpect(authenticated().withUsername(address));
    }

    @Test
    void aConfirmationLinkExpiresAfter24Hours_andANewOneCanBeSent() {
        String address = registration.register("Morag Stewart", fresh(), PASSWORD);
        String token = mailbox.token(address, "ACCOUNT_CONFIRM", "/account/confirm");
        engine.advance(Duration.ofHours(24).plusMinutes(1));

        assertThat(registration.confirm(token)).isEqualTo(ConfirmOutcome.EXPIRED);
        registration.resendConfirmation(address.toUpperCase());
        String again = mailbox.token(address, "ACCOUNT_CONFIRM", "/account/confirm");
        assertThat(again).isNotEqualTo(token);
        assertThat(registration.confirm(again)).isEqualTo(ConfirmOutcome.CONFIRMED);

        int messages = mailbox.to(address).size();
        registration.resendConfirmation(address);
        registration.resendConfirmation("nobody-" + address);
        assertThat(mailbox.to(address)).as("a confirmed account gets no more links").hasSize(messages);
    }

    @Test
    void demoAndStaffAccountsCountAsConfirmed_andSignInByUsernameOrAddress() throws Exception {
        mvc.perform(formLogin("/sign-in").user("applicant1").password("kith-demo")).andExpect(authenticated());
        mvc.perform(formLogin("/sign-in").user("Applicant1@Example.org").password("kith-demo"))
                .andExpect(authenticated().withUsername("applicant1"));
        var manager = data.manager();
        mvc.perform(formLogin("/sign-in").user(manager.username()).password(TestData.PASSWORD)).andExpect(authenticated());
        mvc.perform(formLogin("/sign-in").user("applicant1@example.org").password("not the password"))
                .andExpect(unauthenticated());
    }

    @Test
    void accountsMadeByHandMayShareAnAddress_theFirstSignsInWithIt_theOthersByUsername() throws Exception {
        String shared = fresh();
        String first = "first-" + UUID.randomUUID().toString().substring(0, 8);
        String second = "second-" + UUID.randomUUID().toString().substring(0, 8);
        accounts.create(first, "{noop}" + PASSWORD, "First", shared, null, java.util.EnumSet.of(Role.ASSESSOR));
        accounts.create(second, "{noop}" + PASSWORD, "Second", shared, null, java.util.EnumSet.of(Role.ASSESSOR));

        mvc.perform(formLogin("/sign-in").user(shared).password(PASSWORD)).andExpect(authenticated().withUsername(first));
        mvc.perform(formLogin("/sign-in").user(second).password(PASSWORD)).andExpect(authenticated().withUsername(second));
        String answer = registration.register("Someone", shared, PASSWORD);
        assertThat(accounts.account(answer)).as("no account registers over it").isEmpty();
    }

    // --- forgotten password ---

    @Test
    void askingForAResetLink_answersTheSameForAnyAddress_andSendsOnlyToAnAccount() {
        String address = confirmedApplicant();
        String nobody = "nobody-" + UUID.randomUUID() + "@example.org";

        reset.requestReset(nobody);
        reset.requestReset(address.toUpperCase());

        assertThat(mailbox.to(nobody)).isEmpty();
        Mailbox.Message message = mailbox.to(address, "PASSWORD_RESET").get(0);
        assertThat(message.body()).contains("http://localhost:8080/account/reset-password?token=", "1 hour");
        assertThatThrownBy(() -> reset.requestReset("not an address"))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(fields(e)).containsExactly("email"));
    }

    @Test
    void aResetLinkSetsANewPasswordOnce_endsEverySession_clearsTheLock_andUsesUpTheOtherLinks() throws Exception {
        String address = confirmedApplicant();
        assertThat(signsIn(address, PASSWORD)).isTrue();
        assertThat(sessionsOf(address)).isOne();
        for (int i = 0; i < 10; i++) {
            signsIn(address, "a wrong password " + i);
        }
        assertThat(signsIn(address, PASSWORD)).as("locked out").isFalse();
        reset.requestReset(address);
        String older = mailbox.token(address, "PASSWORD_RESET", "/account/reset-password");
        reset.requestReset(address);
        String token = mailbox.token(address, "PASSWORD_RESET", "/account/reset-password");
        assertThat(reset.check(token)).isEqualTo(LinkStatus.VALID);

        assertThatThrownBy(() -> reset.reset(token, "password1234"))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(fields(e)).containsExactly("password");
                    assertThat(e.errors().get(0).message()).startsWith("This is one of the most common passwords");
                });
        assertThat(reset.check(token)).as("a refused password leaves the link usable").isEqualTo(LinkStatus.VALID);
        assertThat(reset.reset(token, NEW_PASSWORD)).isEqualTo(ResetOutcome.PASSWORD_CHANGED);

        assertThat(sessionsOf(address)).isZero();
        assertThat(reset.reset(token, NEW_PASSWORD)).isEqualTo(ResetOutcome.ALREADY_USED);
        assertThat(reset.check(older)).isEqualTo(LinkStatus.ALREADY_USED);
        assertThat(reset.reset("nonsense", NEW_PASSWORD)).isEqualTo(ResetOutcome.UNKNOWN);
        assertThat(signsIn(address, PASSWORD)).isFalse();
        assertThat(signsIn(address, NEW_PASSWORD)).as("the lockout was cleared").isTrue();
        assertThat(mailbox.to(address, "PASSWORD_CHANGED")).hasSize(1);
    }

    @Test
    void aResetLinkExpiresAfterAnHour() {
        String address = confirmedApplicant();
        reset.requestReset(address);
        String token = mailbox.token(address, "PASSWORD_RESET", "/account/reset-password");
        engine.advance(Duration.ofMinutes(61));

        assertThat(reset.check(token)).isEqualTo(LinkStatus.EXPIRED);
        assertThat(reset.reset(token, NEW_PASSWORD)).isEqualTo(ResetOutcome.EXPIRED);
    }

    @Test
    void aConfirmationLinkDoesNotResetAPassword_norAResetLinkConfirm() {
        String address = registration.register("Morag Stewart", fresh(), PASSWORD);
        String confirm = mailbox.token(address, "ACCOUNT_CONFIRM", "/account/confirm");
        assertThat(reset.check(confirm)).isEqualTo(LinkStatus.UNKNOWN);
        assertThat(reset.reset(confirm, NEW_PASSWORD)).isEqualTo(ResetOutcome.UNKNOWN);
    }

    @Test
    void resettingThePasswordOfAnUnconfirmedAccount_confirmsItsAddress() throws Exception {
        String address = registration.register("Morag Stewart", fresh(), PASSWORD);
        reset.requestReset(address);
        reset.reset(mailbox.token(address, "PASSWORD_RESET", "/account/reset-password"), NEW_PASSWORD);
        assertThat(signsIn(address, NEW_PASSWORD)).isTrue();
    }

    // --- changing password and address ---

    @Test
    void changingThePassword_needsTheCurrentOne_andEndsTheOtherSessions() throws Exception {
        String address = confirmedApplicant();
        signsIn(address, PASSWORD);
        signsIn(address, PASSWORD);
        String kept = jdbc.sql("SELECT SESSION_ID FROM SPRING_SESSION WHERE PRINCIPAL_NAME = :n ORDER BY CREATION_TIME")
                .param("n", address).query(String.class).list().get(0);

        assertThatThrownBy(() -> settings.changePassword(address, "not my password", NEW_PASSWORD, kept))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(fields(e)).containsExactly("currentPassword"));
        assertThatThrownBy(() -> settings.changePassword(address, PASSWORD, "short", kept))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(fields(e)).containsExactly("newPassword"));
        settings.changePassword(address, PASSWORD, NEW_PASSWORD, kept);

        assertThat(jdbc.sql("SELECT SESSION_ID FROM SPRING_SESSION WHERE PRINCIPAL_NAME = :n")
                .param("n", address).query(String.class).list()).containsExactly(kept);
        assertThat(signsIn(address, NEW_PASSWORD)).isTrue();
        assertThat(signsIn(address, PASSWORD)).isFalse();
    }

    @Test
    void wrongCurrentPasswordsCountLikeFailedSignIns_soAStolenSessionCannotGuessThePassword() throws Exception {
        String address = confirmedApplicant();
        for (int i = 0; i < 10; i++) {
            int attempt = i;
            assertThatThrownBy(() -> settings.changePassword(address, "a wrong guess " + attempt, NEW_PASSWORD, null))
                    .isInstanceOf(InvalidInputException.class);
        }
        assertThatThrownBy(() -> settings.changePassword(address, PASSWORD, NEW_PASSWORD, null))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(fields(e)).containsExactly("currentPassword");
                    assertThat(e.errors().get(0).message()).contains("too many wrong passwords");
                });
        assertThat(signsIn(address, PASSWORD)).as("locked for sign-in too").isFalse();
    }

    @Test
    void changingTheAddress_needsThePassword_staysPendingUntilTheNewAddressConfirms_andTellsTheOldOne()
            throws Exception {
        String address = confirmedApplicant();
        String next = fresh();

        assertThatThrownBy(() -> settings.requestEmailChange(address, "not my password", next))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(fields(e)).containsExactly("currentPassword"));
        assertThatThrownBy(() -> settings.requestEmailChange(address, PASSWORD, "nonsense"))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(fields(e)).containsExactly("email"));
        assertThatThrownBy(() -> settings.requestEmailChange(address, PASSWORD, address.toUpperCase()))
                .isInstanceOf(InvalidInputException.class);
        assertThat(settings.requestEmailChange(address, PASSWORD, next)).isEqualTo(next);

        assertThat(mailbox.to(address, "EMAIL_CHANGE_NOTICE").get(0).body()).contains(next);
        assertThat(accounts.account(address).orElseThrow().email()).as("pending").isEqualTo(address);
        assertThat(signsIn(address, PASSWORD)).isTrue();
        assertThat(signsIn(next, PASSWORD)).isFalse();

        assertThat(registration.confirm(mailbox.token(next, "EMAIL_CHANGE_CONFIRM", "/account/confirm")))
                .isEqualTo(ConfirmOutcome.CONFIRMED);
        assertThat(accounts.account(address).orElseThrow().email()).isEqualTo(next);
        assertThat(signsIn(next, PASSWORD)).isTrue();
        assertThat(signsIn(address, PASSWORD)).as("the username is still the first address").isTrue();
        reset.requestReset(address);
        assertThat(mailbox.to(address, "PASSWORD_RESET")).as("the old address no longer gets reset links").isEmpty();
    }

    @Test
    void changingToAnAddressAnotherAccountHas_answersTheSame_andTellsThatOwner() {
        String mine = confirmedApplicant();
        String theirs = confirmedApplicant();

        assertThat(settings.requestEmailChange(mine, PASSWORD, theirs)).isEqualTo(theirs);

        assertThat(mailbox.to(theirs, "EMAIL_IN_USE")).hasSize(1);
        assertThat(mailbox.to(theirs, "EMAIL_CHANGE_CONFIRM")).isEmpty();
        assertThat(accounts.account(mine).orElseThrow().email()).isEqualTo(mine);
    }
}
