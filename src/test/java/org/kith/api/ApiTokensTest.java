package org.kith.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kith.support.StaffRequests.as;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kith.accounts.StaffAccounts;
import org.kith.funds.Fund;
import org.kith.identity.CurrentUser;
import org.kith.identity.SecretTokens;
import org.kith.identity.UserAccounts;
import org.kith.support.EngineDriver;
import org.kith.support.KithTest;
import org.kith.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * API tokens for scripts: made on the account page or by the API, shown once, stored as a SHA-256 only, sent as
 * {@code Authorization: Bearer}. A token acts as its owner with their roles, makes no session and needs no CSRF
 * token; a wrong, revoked, malformed or deactivated account's token is 401 problem JSON and never falls back.
 */
@KithTest
class ApiTokensTest {

    private static final Pattern TOKEN = Pattern.compile("kith_[a-z0-9]{12}_[A-Za-z0-9_-]{43}");

    @Autowired
    MockMvc mvc;
    @Autowired
    ObjectMapper json;
    @Autowired
    TestData data;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    UserAccounts accounts;
    @Autowired
    StaffAccounts staff;
    @Autowired
    EngineDriver engine;

    Api api;
    Fund fund;
    CurrentUser applicant;

    @BeforeEach
    void setUp() {
        api = new Api(mvc, json);
        fund = data.fund();
        applicant = data.charityApplicant();
    }

    @AfterEach
    void resetClock() {
        engine.resetClock();
    }

    // ---- helpers

    /** A token made by POST /api/tokens over HTTP Basic, as a script's first run would. */
    private String tokenFor(CurrentUser who, String name) {
        Api.Reply made = api.post(who, "/api/tokens", Map.of("name", name)).expect(201);
        String value = made.body().path("token").asText();
        assertThat(value).matches(TOKEN);
        return value;
    }

    private Api.Reply bearer(String token, HttpMethod method, String url, Object body) {
        return api.perform(withBearer(api.request(null, method, url, body), token));
    }

    private static MockHttpServletRequestBuilder withBearer(MockHttpServletRequestBuilder request, String token) {
        return request.header(HttpHeaders.AUTHORIZATION, "Bearer " + token);
    }

    private static String prefixOf(String token) {
        return token.substring(5, 17);
    }

    private String page(MockHttpServletRequestBuilder request) {
        return api.perform(request).expect(200).text();
    }

    // ---- making, listing, using

    @Test
    void aTokenMadeByTheApi_worksAsBearer_asItsOwner_withTheirRoles() {
        String token = tokenFor(applicant, "nightly export");

        long draft = bearer(token, HttpMethod.POST, "/api/applications", Api.draft(fund, "Lunch club", "2500.00"))
                .expect(201).body().path("id").asLong();
        Api.Reply mine = bearer(token, HttpMethod.GET, "/api/applications?fundId=" + fund.id(), null).expect(200);
        assertThat(Api.ids(mine.body())).contains(draft);
        assertThat(bearer(token, HttpMethod.POST, "/api/applications/" + draft + "/submit", null).status())
                .isBetween(200, 299);
        assertThat(bearer(token, HttpMethod.GET, "/api/applications/" + draft + "/history", null).expect(200).text())
                .contains(applicant.username());
        bearer(token, HttpMethod.GET, "/api/funds/" + fund.id() + "/summary", null).expectProblem(403);

        CurrentUser assessor = data.assessor();
        String staffToken = tokenFor(assessor, "inbox");
        bearer(staffToken, HttpMethod.GET, "/api/tasks", null).expect(200);
        CurrentUser manager = data.manager();
        bearer(tokenFor(manager, "figures"), HttpMethod.GET, "/api/funds/" + fund.id() + "/summary", null)
                .expect(200);
    }

    @Test
    void aBearerCall_makesNoSession_andAWriteNeedsNoCsrfToken() {
        String token = tokenFor(applicant, "script");
        for (MockHttpServletRequestBuilder request : List.of(
                withBearer(get("/api/applications"), token),
                withBearer(post("/api/applications").contentType(MediaType.APPLICATION_JSON)
                        .content(api.write(Api.draft(fund, "No csrf", "1000.00"))), token))) {
            Api.Reply reply = api.perform(request);
            assertThat(reply.status()).isIn(200, 201);
            assertThat(reply.result().getResponse().getHeaders(HttpHeaders.SET_COOKIE)).isEmpty();
            assertThat(reply.result().getRequest().getSession(false)).as("a session").isNull();
        }
    }

    @Test
    void theListNeverHoldsTheSecret_andTheDatabaseHoldsOnlyItsHash() {
        String token = tokenFor(applicant, "reporting");
        Api.Reply list = api.get(applicant, "/api/tokens").expect(200);
        assertThat(list.text()).doesNotContain(token).doesNotContain(token.substring(18));
        assertThat(list.body()).hasSize(1);
        assertThat(list.body().get(0).path("name").asText()).isEqualTo("reporting");
        assertThat(list.body().get(0).path("hint").asText()).isEqualTo("kith_" + prefixOf(token) + "_…");
        assertThat(list.body().get(0).has("token")).isFalse();

        Map<String, Object> row = jdbc.sql("SELECT * FROM api_token WHERE token_prefix = :p")
                .param("p", prefixOf(token)).query().singleRow();
        assertThat(row.values().stream().map(String::valueOf).toList())
                .noneMatch(v -> v.contains(token.substring(18)));
        assertThat(String.valueOf(row.get("SECRET_HASH"))).isEqualTo(SecretTokens.hash(token));
    }

    @Test
    void theLastUse_isRecorded_atMostOnceAMinute() {
        String token = tokenFor(applicant, "poller");
        assertThat(lastUsed(token)).isNull();
        bearer(token, HttpMethod.GET, "/api/tokens", null).expect(200);
        LocalDateTime first = lastUsed(token);
        assertThat(first).isNotNull();

        engine.advance(Duration.ofSeconds(30));
        bearer(token, HttpMethod.GET, "/api/tokens", null).expect(200);
        assertThat(lastUsed(token)).as("no write within the minute").isEqualTo(first);

        engine.advance(Duration.ofSeconds(45));
        Api.Reply list = bearer(token, HttpMethod.GET, "/api/tokens", null).expect(200);
        assertThat(lastUsed(token)).isAfter(first);
        assertThat(list.body().get(0).path("lastUsedAt").isNull()).isFalse();
    }

    private LocalDateTime lastUsed(String token) {
        return jdbc.sql("SELECT last_used_at FROM api_token WHERE token_prefix = :p").param("p", prefixOf(token))
                .query(LocalDateTime.class).optional().orElse(null);
    }

    // ---- refusals

    @Test
    void aWrongSecretWithTheRightPrefix_aMalformedHeader_andAnUnknownToken_are401Problems() {
        String token = tokenFor(applicant, "real");
        String wrongSecret = token.substring(0, 18) + SecretTokens.newToken();
        for (String header : List.of("Bearer " + wrongSecret, "Bearer " + token.substring(0, 40), "Bearer ",
                "Bearer", "bearer kith_", "Bearer " + token + "x", "Bearer not-a-kith-token",
                "Bearer kith_aaaaaaaaaaaa_" + SecretTokens.newToken())) {
            Api.Reply reply = api.perform(get("/api/applications").header(HttpHeaders.AUTHORIZATION, header)
                    .accept(MediaType.APPLICATION_JSON)).expectProblem(401);
            assertThat(reply.body().path("title").asText()).as(header).isEqualTo("API token not accepted");
            assertThat(reply.header(HttpHeaders.WWW_AUTHENTICATE)).startsWith("Bearer");
        }
        bearer(token, HttpMethod.GET, "/api/applications", null).expect(200);
    }

    @Test
    void aBadTokenNeverFallsBackToTheSession() {
        Api.Reply reply = api.perform(get("/api/applications").with(as(applicant))
                .header(HttpHeaders.AUTHORIZATION, "Bearer kith_nope").accept(MediaType.APPLICATION_JSON));
        reply.expectProblem(401);
    }

    @Test
    void aTokenOnAPage_isRefused_pagesUseTheSession() {
        String token = tokenFor(applicant, "pages");
        api.perform(withBearer(get("/account"), token)).expectProblem(401);
        api.perform(withBearer(get("/account/tokens"), token)).expectProblem(401);
    }

    @Test
    void aRevokedToken_is401_andRevokingAnotherPersonsTokenIs404() {
        String token = tokenFor(applicant, "to revoke");
        long id = api.get(applicant, "/api/tokens").expect(200).body().get(0).path("id").asLong();

        CurrentUser other = data.charityApplicant();
        api.call(other, HttpMethod.DELETE, "/api/tokens/" + id, null).expectProblem(404);
        bearer(tokenFor(other, "theirs"), HttpMethod.DELETE, "/api/tokens/" + id, null).expectProblem(404);
        bearer(token, HttpMethod.GET, "/api/applications", null).expect(200);

        bearer(token, HttpMethod.DELETE, "/api/tokens/" + id, null).expect(204);
        bearer(token, HttpMethod.GET, "/api/applications", null).expectProblem(401);
        api.call(applicant, HttpMethod.DELETE, "/api/tokens/" + id, null).expectProblem(404);
        assertThat(api.get(applicant, "/api/tokens").expect(200).body()).isEmpty();
        assertThat(jdbc.sql("SELECT revoked_by FROM api_token WHERE id = :id").param("id", id)
                .query(String.class).single()).isEqualTo(applicant.username());
        assertThat(audit(applicant)).contains("API_TOKEN_CREATED", "API_TOKEN_REVOKED");
    }

    @Test
    void aDeactivatedAccountsTokens_stopWorking_andWorkAgainWhenItIsReactivated() {
        CurrentUser admin = data.admin();
        CurrentUser assessor = data.assessor();
        String token = tokenFor(assessor, "inbox");
        bearer(token, HttpMethod.GET, "/api/tasks", null).expect(200);

        long id = accounts.account(assessor.username()).orElseThrow().id();
        staff.deactivate(admin, id);
        bearer(token, HttpMethod.GET, "/api/tasks", null).expectProblem(401);

        staff.reactivate(admin, id);
        bearer(token, HttpMethod.GET, "/api/tasks", null).expect(200);

        String applicantToken = tokenFor(applicant, "export");
        accounts.deactivate(accounts.account(applicant.username()).orElseThrow().id(), admin.username());
        bearer(applicantToken, HttpMethod.GET, "/api/applications", null).expectProblem(401);
    }

    // ---- names

    @Test
    void aName_isRequired_atMost100_andUniqueAmongWorkingTokens_asProblemJson() {
        assertThat(api.post(applicant, "/api/tokens", Map.of("name", "  ")).expectProblem(400).errorFields())
                .containsExactly("name");
        assertThat(api.post(applicant, "/api/tokens", Map.of()).expectProblem(400).errorFields())
                .containsExactly("name");
        assertThat(api.post(applicant, "/api/tokens", Map.of("name", "x".repeat(101))).expectProblem(400)
                .errorFields()).containsExactly("name");
        tokenFor(applicant, "x".repeat(100));
        tokenFor(applicant, "Export");
        Api.Reply taken = api.post(applicant, "/api/tokens", Map.of("name", "export")).expectProblem(400);
        assertThat(taken.body().path("errors").get(0).path("message").asText()).contains("already have a token");

        long id = api.get(applicant, "/api/tokens").expect(200).body().get(0).path("id").asLong();
        api.call(applicant, HttpMethod.DELETE, "/api/tokens/" + id, null).expect(204);
        tokenFor(applicant, "export"); // the name is free again once its token is revoked
    }

    // ---- the pages

    @Test
    void thePage_makesATokenShownOnce_thatWorks_andRevokesIt() {
        String empty = page(get("/account/tokens").with(as(applicant)));
        assertThat(empty).contains("You have no API tokens", "Create a token");
        assertThat(page(get("/account").with(as(applicant)))).contains("href=\"/account/tokens\"");

        String created = page(post("/account/tokens").param("name", "Monthly report").with(as(applicant))
                .with(csrf()));
        Matcher value = TOKEN.matcher(created);
        assertThat(value.find()).as("the token on the page").isTrue();
        String token = value.group();
        assertThat(created).contains("You will not see it again");
        bearer(token, HttpMethod.GET, "/api/applications", null).expect(200);

        String list = page(get("/account/tokens").with(as(applicant)));
        assertThat(list).contains("Monthly report", "kith_" + prefixOf(token) + "_…").doesNotContain(token)
                .doesNotContain(token.substring(18));

        long id = jdbc.sql("SELECT id FROM api_token WHERE token_prefix = :p").param("p", prefixOf(token))
                .query(Long.class).single();
        assertThat(page(get("/account/tokens/" + id + "/revoke").with(as(applicant))))
                .contains("Are you sure you want to revoke this token?", "Monthly report");
        api.perform(post("/account/tokens/" + id + "/revoke").with(as(applicant)).with(csrf())).expect(302);
        bearer(token, HttpMethod.GET, "/api/applications", null).expectProblem(401);
        assertThat(page(get("/account/tokens").with(as(applicant)))).doesNotContain("Monthly report");

        CurrentUser other = data.charityApplicant();
        api.perform(get("/account/tokens/" + id + "/revoke").with(as(other))).expect(404);
        api.perform(post("/account/tokens/" + id + "/revoke").with(as(other)).with(csrf())).expect(404);
    }

    @Test
    void thePage_showsNameErrors_andKeepsWhatWasTyped() {
        String missing = page(post("/account/tokens").param("name", "").with(as(applicant)).with(csrf()));
        assertThat(missing).contains("There is a problem", "Enter a name for the token", "<title>Error:");

        String tooLong = "y".repeat(101);
        String longPage = page(post("/account/tokens").param("name", tooLong).with(as(applicant)).with(csrf()));
        assertThat(longPage).contains("100 characters or fewer", "value=\"" + tooLong + "\"");

        page(post("/account/tokens").param("name", "Dup").with(as(applicant)).with(csrf()));
        String dup = page(post("/account/tokens").param("name", "Dup").with(as(applicant)).with(csrf()));
        assertThat(dup).contains("You already have a token called", "value=\"Dup\"");
        assertThat(TOKEN.matcher(dup).find()).isFalse();
    }

    @Test
    void aPagePostWithoutACsrfToken_makesNoToken() {
        Api.Reply refused = api.perform(post("/account/tokens").param("name", "no csrf").with(as(applicant)));
        assertThat(refused.status()).isNotEqualTo(200);
        assertThat(TOKEN.matcher(refused.text()).find()).isFalse();
        assertThat(api.get(applicant, "/api/tokens").expect(200).body()).isEmpty();
    }

    private List<String> audit(CurrentUser who) {
        long id = accounts.account(who.username()).orElseThrow().id();
        return jdbc.sql("SELECT action FROM audit_event WHERE account_id = :id ORDER BY id").param("id", id)
                .query(String.class).list();
    }
}
