package org.kith.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.unauthenticated;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.Cookie;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.kith.funds.Fund;
import org.kith.identity.CurrentUser;
import org.kith.support.EngineDriver;
import org.kith.support.Journey;
import org.kith.support.KithTest;
import org.kith.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Authentication, password guessing, CSRF, sessions, password storage, the public API description, and error
 * bodies that leak nothing.
 */
@KithTest
class SecurityTest {

    /** Spring Session's cookie; its value is the session id, Base64-encoded. */
    static final String SESSION_COOKIE = "SESSION";

    @Autowired
    MockMvc mvc;
    @Autowired
    ObjectMapper json;
    @Autowired
    TestData data;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PasswordEncoder encoder;
    @Autowired
    EngineDriver engine;
    @Autowired
    Journey journey;

    Api api;
    Fund fund;
    CurrentUser applicant;

    @BeforeEach
    void setUp() {
        api = new Api(mvc, json);
        fund = data.fund();
        applicant = data.charityApplicant();
    }

    @Test
    void noCredentials_is401ProblemWithBasicChallenge() {
        for (String url : List.of("/api/applications", "/api/tasks", "/api/applications/1")) {
            Api.Reply reply = api.get(null, url).expectProblem(401);
            assertThat(reply.header(HttpHeaders.WWW_AUTHENTICATE)).as(url).startsWith("Basic");
        }
    }

    @Test
    void anonymousApiWrite_is401WithBasicChallenge_notACsrf403() {
        Api.Reply reply = api.post(null, "/api/applications", Api.draft(fund, "Anonymous", "3000.00"))
                .expectProblem(401);
        assertThat(reply.header(HttpHeaders.WWW_AUTHENTICATE)).startsWith("Basic");
    }

    @Test
    void wrongPassword_is401() {
        api.perform(get("/api/applications").with(httpBasic(applicant.username(), "not-the-password")))
                .expectProblem(401);
        api.perform(get("/api/applications").with(httpBasic("nobody-" + System.nanoTime(), TestData.PASSWORD)))
                .expectProblem(401);
        api.get(applicant, "/api/applications").expect(200);
    }

    @Test
    void sessionAuthenticatedWrite_withoutCsrfToken_is403_andWithOneWorks() {
        MockHttpServletRequestBuilder create = json(post("/api/applications"), Api.draft(fund, "Lunch", "3000.00"))
                .with(user(applicant.username()).roles("APPLICANT"));
        api.perform(create).expectProblem(403);
        assertThat(api.get(applicant, "/api/applications").body()).as("nothing created").isEmpty();

        long id = api.perform(create.with(csrf())).expect(201).body().path("id").asLong();

        MockHttpServletRequestBuilder edit = json(put("/api/applications/" + id),
                Api.draft(fund, "Edited", "3000.00")).with(user(applicant.username()).roles("APPLICANT"));
        api.perform(edit).expectProblem(403);
        assertThat(api.application(applicant, id).body().path("title").asText()).isEqualTo("Lunch");
        api.perform(edit.with(csrf())).expect(200);
        assertThat(api.application(applicant, id).body().path("title").asText()).isEqualTo("Edited");
    }

    @Test
    void formLogin_changesTheSessionId_andTheNewSessionIsCsrfProtected() {
        Cookie anonymous = api.perform(get("/sign-in")).result().getResponse().getCookie(SESSION_COOKIE);
        assertThat(anonymous).as("the login page starts a session for its CSRF token").isNotNull();

        Api.Reply login = api.perform(post("/sign-in").cookie(anonymous).with(csrf())
                .param("username", applicant.username()).param("password", TestData.PASSWORD)).expect(302);
        Cookie signedIn = login.result().getResponse().getCookie(SESSION_COOKIE);

        assertThat(signedIn).as("a session cookie after login").isNotNull();
        assertThat(sessionId(signedIn)).as("session fixation: a new id").isNotEqualTo(sessionId(anonymous));
        assertThat(principalOf(sessionId(signedIn))).as("stored in the database").isEqualTo(applicant.username());
        assertThat(sessionsWithId(sessionId(anonymous))).as("the old id no longer exists").isZero();

        api.perform(get("/api/applications").cookie(signedIn)).expect(200);
        api.perform(get("/api/applications").cookie(anonymous)).expectProblem(401);
        MockHttpServletRequestBuilder create = json(post("/api/applications").cookie(signedIn),
                Api.draft(fund, "Via the browser", "3000.00"));
        api.perform(create).expectProblem(403);
        api.perform(create.with(csrf())).expect(201);
    }

    @Test
    void theLandingPage_isServedUnderAContentSecurityPolicy_withItsStylesFromOurOwnOrigin() {
        Api.Reply page = api.perform(get("/")).expect(200);
        assertThat(page.header("Content-Security-Policy")).contains("default-src 'self'");
        assertThat(page.text()).as("inline styles would be blocked").doesNotContain("<style", "style=")
                .contains("href=\"/css/kith.css\"");
        Api.Reply css = api.perform(get("/css/kith.css")).expect(200);
        assertThat(css.contentType()).startsWith("text/css");
    }

    @Test
    void formLogin_withAWrongPassword_doesNotSignIn() {
        Api.Reply failed = api.perform(post("/sign-in").with(csrf())
                .param("username", applicant.username()).param("password", "guess")).expect(302);

        assertThat(failed.header(HttpHeaders.LOCATION)).endsWith("/sign-in");
        Cookie cookie = failed.result().getResponse().getCookie(SESSION_COOKIE);
        if (cookie != null) {
            api.perform(get("/api/applications").cookie(cookie)).expectProblem(401);
        }
    }

    @Test
    void storedPasswords_areBcryptHashes_neverPlainText() {
        List<String> accounts = List.of("applicant1", "applicant2", "assessor1", "assessor2", "manager1", "funder1",
                "admin1", applicant.username());

        for (String username : accounts) {
            String hash = jdbc.sql("SELECT password_hash FROM app_user WHERE username = :username")
                    .param("username", username).query(String.class).single();
            assertThat(hash).as("hash of %s", username).startsWith("{bcrypt}$2").doesNotContain(TestData.PASSWORD);
            assertThat(encoder.matches(TestData.PASSWORD, hash)).as("%s signs in with the demo password", username)
                    .isTrue();
        }
    }

    @Test
    void openApiDescription_isPublicJson_listingTheApplicationsApi() {
        Api.Reply docs = api.get(null, "/v3/api-docs").expect(200);

        assertThat(docs.contentType()).startsWith(MediaType.APPLICATION_JSON_VALUE);
        JsonNode paths = docs.body().path("paths");
        assertThat(docs.body().path("openapi").asText()).startsWith("3.");
        assertThat(paths.has("/api/applications")).isTrue();
        assertThat(paths.path("/api/applications").has("post")).isTrue();
        assertThat(paths.has("/api/tasks/{id}/complete")).isTrue();
        assertThat(paths.has("/api/funds/{id}/summary")).isTrue();
    }

    @Test
    void errorBodies_areProblemJson_withNoStackTraceOrExceptionName() {
        long draft = api.create(applicant, Api.draft(fund, "Lunch", "3000.00"));
        CurrentUser manager = data.manager();

        api.get(null, "/api/applications").expectProblem(401);
        api.perform(get("/api/tasks").with(httpBasic(applicant.username(), "wrong"))).expectProblem(401);
        api.get(applicant, "/api/applications/987654321").expectProblem(404);
        api.get(applicant, "/api/applications/not-a-number").expectProblem(404);
        api.get(applicant, "/api/no-such-endpoint").expectProblem(404);
        api.post(applicant, "/api/tasks/no-such-task/claim", null).expectProblem(404);
        api.get(applicant, "/api/funds/" + fund.id() + "/summary").expectProblem(403);
        api.post(manager, "/api/applications", Api.draft(fund, "Staff", "3000.00")).expectProblem(403);
        api.post(applicant, "/api/applications/" + draft + "/variations", Map.of("description", "x"))
                .expectProblem(409);
        api.post(applicant, "/api/applications", "{\"title\": [1, 2").expectProblem(400);
        api.post(applicant, "/api/applications", "{\"fundId\": {\"nested\": true}, \"title\": \"t\"}")
                .expectProblem(400);
        api.call(applicant, HttpMethod.DELETE, "/api/applications/" + draft, null).expectProblem(405);
        api.perform(post("/api/applications").with(httpBasic(applicant.username(), TestData.PASSWORD))
                .contentType(MediaType.TEXT_PLAIN).content("title=Lunch")).expectProblem(415);
    }

    @Test
    void anyContentTypeAClientSends_isA415OrA400Problem_neverA500() {
        long draft = api.create(applicant, Api.draft(fund, "Lunch", "3000.00"));
        long funded = journey.funded(applicant, fund, "3000.00");
        String body = api.write(Api.draft(fund, "Lunch", "3000.00"));
        for (String contentType : List.of("*/*", "application/*", "*/json", "text/*", "foo", "foo/bar/baz", "/",
                ";", "text/plain;charset=nonsense", "application/json;charset=nonsense", "multipart/form-data",
                "application/x-www-form-urlencoded")) {
            for (MockHttpServletRequestBuilder request : List.of(post("/api/applications"),
                    put("/api/applications/" + draft), post("/api/applications/" + funded + "/variations"))) {
                Api.Reply reply = api.perform(request.with(httpBasic(applicant.username(), TestData.PASSWORD))
                        .header(HttpHeaders.CONTENT_TYPE, contentType).accept(MediaType.APPLICATION_JSON)
                        .content(body));
                assertThat(reply.status()).as("%s to %s: %s", contentType,
                        reply.result().getRequest().getRequestURI(), reply.text()).isIn(400, 415);
                reply.expectProblem(reply.status());
            }
        }
    }

    @Test
    void anonymousApiCalls_setNoCookie_andStoreNoSession() {
        int before = sessions();
        for (String accept : List.of("*/*", "application/json", "text/html")) {
            for (MockHttpServletRequestBuilder request : List.of(get("/api/applications"), get("/api/tasks"),
                    get("/api/applications/1"), get("/api/organisations/me"), get("/api/admin/stuck-jobs"),
                    get("/api/applications/1/offer-letter.pdf"),
                    post("/api/applications").contentType(MediaType.APPLICATION_JSON).content("{}"),
                    post("/api/tasks/x/complete").contentType(MediaType.APPLICATION_JSON).content("{}"),
                    get("/api/applications").with(httpBasic(applicant.username(), "wrong")))) {
                Api.Reply reply = api.perform(request.header(HttpHeaders.ACCEPT, accept)).expect(401);
                assertThat(reply.result().getResponse().getHeaders(HttpHeaders.SET_COOKIE))
                        .as("%s, Accept %s", reply.result().getRequest().getRequestURI(), accept).isEmpty();
                assertThat(reply.result().getRequest().getSession(false)).as("a session").isNull();
            }
        }
        api.get(applicant, "/api/applications").expect(200);
        assertThat(sessions()).as("rows in SPRING_SESSION").isEqualTo(before);
    }

    @Test
    void everyResponse_setsAReferrerPolicyAndAPermissionsPolicy() {
        for (Api.Reply reply : List.of(api.get(null, "/api/funds"), api.get(null, "/api/applications"),
                api.get(applicant, "/api/applications"), api.perform(get("/favicon.svg")),
                api.perform(get("/no-such-page")), api.get(null, "/api/no-such-endpoint"),
                api.get(null, "/v3/api-docs"))) {
            String url = reply.result().getRequest().getRequestURI();
            assertThat(reply.header("Referrer-Policy")).as(url).isEqualTo("strict-origin-when-cross-origin");
            assertThat(reply.header("Permissions-Policy")).as(url)
                    .contains("camera=()", "microphone=()", "geolocation=()", "interest-cohort=()");
            assertThat(reply.header("Content-Security-Policy")).as(url).contains("default-src 'self'");
        }
    }

    @Test
    void aSessionCallWithAMissingOrStaleCsrfToken_saysTheFormExpired_notThatPermissionIsLacking() {
        MockHttpServletRequestBuilder create = json(post("/api/applications"), Api.draft(fund, "Lunch", "3000.00"))
                .with(user(applicant.username()).roles("APPLICANT"));
        for (Api.Reply refused : List.of(api.perform(create), api.perform(create.with(csrf().useInvalidToken())))) {
            refused.expectProblem(403);
            assertThat(refused.body().path("title").asText()).isEqualTo("Session or form expired");
            assertThat(refused.body().path("detail").asText()).containsIgnoringCase("reload the page")
                    .doesNotContain("permission");
        }
        assertThat(api.get(applicant, "/api/funds/" + fund.id() + "/summary").expectProblem(403).body()
                .path("title").asText()).isEqualTo("Not allowed");
    }

    @Test
    void openApiDescription_declaresApiTokensHttpBasicAndTheSessionCookie_andAppliesThemGlobally() {
        JsonNode docs = api.get(null, "/v3/api-docs").expect(200).body();

        JsonNode schemes = docs.path("components").path("securitySchemes");
        assertThat(schemes.path("bearerAuth").path("scheme").asText()).isEqualTo("bearer");
        assertThat(schemes.path("basicAuth").path("type").asText()).isEqualTo("http");
        assertThat(schemes.path("basicAuth").path("scheme").asText()).isEqualTo("basic");
        assertThat(schemes.path("sessionCookie").path("type").asText()).isEqualTo("apiKey");
        assertThat(schemes.path("sessionCookie").path("in").asText()).isEqualTo("cookie");
        assertThat(schemes.path("sessionCookie").path("name").asText()).isEqualTo(SESSION_COOKIE);
        List<String> global = new java.util.ArrayList<>();
        docs.path("security").forEach(requirement -> requirement.fieldNames().forEachRemaining(global::add));
        assertThat(global).containsExactlyInAnyOrder("bearerAuth", "basicAuth", "sessionCookie");
    }

    @Test
    void aDirectGetOfTheErrorPath_isNotFound_neverA999() {
        Api.Reply reply = api.perform(get("/error").accept(MediaType.APPLICATION_JSON)).expectProblem(404);
        assertThat(reply.text()).doesNotContain("999");
        Api.Reply page = api.perform(get("/error").accept(MediaType.TEXT_HTML));
        assertThat(page.status()).isEqualTo(404);
        assertThat(page.text()).doesNotContain("999", "Apache Tomcat", "Exception");
        if (new ClassPathResource("templates/error.html").exists()) {
            assertThat(page.text()).as("Kith's error page").doesNotContain("Whitelabel");
        }
    }

    /**
     * Password guessing is throttled per username: ten wrong passwords within 15 minutes lock that username out
     * for 15 minutes, right password or not, on HTTP Basic and the sign-in form alike.
     */
    @Nested
    class PasswordGuessing {

        static final int LIMIT = 10;

        @AfterEach
        void resetClock() {
            engine.resetClock();
        }

        @Test
        void tenWrongPasswords_lockTheUsernameOut_evenForTheRightPassword_andNoOneElse() throws Exception {
            failSignIns(applicant.username(), LIMIT);

            Api.Reply refused = signIn(applicant.username(), TestData.PASSWORD).expectProblem(429);
            assertThat(Long.parseLong(refused.header(HttpHeaders.RETRY_AFTER))).isBetween(1L, 15 * 60L + 1);
            assertThat(refused.body().path("detail").asText()).contains("Try again in 15 minutes");
            assertThat(refused.header(HttpHeaders.WWW_AUTHENTICATE)).isNull();

            mvc.perform(post("/sign-in").with(csrf()).param("username", applicant.username())
                    .param("password", TestData.PASSWORD)).andExpect(unauthenticated());
            api.get(data.charityApplicant(), "/api/applications").expect(200);
        }

        @Test
        void nineWrongPasswords_stillLetTheRightOneIn_andThatClearsTheCount() {
            failSignIns(applicant.username(), LIMIT - 1);
            signIn(applicant.username(), TestData.PASSWORD).expect(200);

            failSignIns(applicant.username(), LIMIT - 1);
            signIn(applicant.username(), TestData.PASSWORD).expect(200);
        }

        @Test
        void afterFifteenMinutes_theRightPasswordWorksAgain_andCountingStartsAfresh() {
            failSignIns(applicant.username(), LIMIT);
            signIn(applicant.username(), TestData.PASSWORD).expectProblem(429);

            engine.advance(Duration.ofMinutes(15).plusSeconds(1));

            failSignIns(applicant.username(), LIMIT - 1);
            signIn(applicant.username(), TestData.PASSWORD).expect(200);
        }

        @Test
        void anAdminCanLetALockedOutPersonBackIn_andNoOneElseCan() {
            failSignIns(applicant.username(), LIMIT);
            signIn(applicant.username(), TestData.PASSWORD).expectProblem(429);

            api.call(data.manager(), HttpMethod.DELETE, "/api/admin/sign-in-locks/" + applicant.username(), null)
                    .expectProblem(403);
            api.perform(delete("/api/admin/sign-in-locks/{username}", applicant.username())
                    .with(httpBasic("admin1", TestData.PASSWORD))).expect(204);

            signIn(applicant.username(), TestData.PASSWORD).expect(200);
            api.perform(delete("/api/admin/sign-in-locks/{username}", applicant.username())
                    .with(httpBasic("admin1", TestData.PASSWORD))).expectProblem(404);
        }

        @Test
        void anUnknownUsername_isThrottledJustLikeARealOne_soTheAnswerTellsNothing() {
            String nobody = "nobody-" + System.nanoTime();
            failSignIns(nobody, LIMIT);

            signIn(nobody, TestData.PASSWORD).expectProblem(429);
        }

        @Test
        void theUsernameIsStoredOnlyAsAHash() {
            failSignIns(applicant.username(), 1);

            assertThat(jdbc.sql("SELECT username_hash FROM login_throttle").query(String.class).list())
                    .isNotEmpty().allMatch(h -> h.matches("[0-9a-f]{64}")).doesNotContain(applicant.username());
        }

        private void failSignIns(String username, int times) {
            for (int i = 0; i < times; i++) {
                signIn(username, "wrong-" + i).expectProblem(401);
            }
        }

        private Api.Reply signIn(String username, String password) {
            return api.perform(get("/api/applications").with(httpBasic(username, password)));
        }
    }

    // --- helpers ---

    private MockHttpServletRequestBuilder json(MockHttpServletRequestBuilder request, Object body) {
        return request.contentType(MediaType.APPLICATION_JSON).accept(MediaType.APPLICATION_JSON)
                .content(api.write(body));
    }

    private int sessions() {
        return jdbc.sql("SELECT COUNT(*) FROM SPRING_SESSION").query(Integer.class).single();
    }

    private static String sessionId(Cookie cookie) {
        return new String(Base64.getDecoder().decode(cookie.getValue()), StandardCharsets.UTF_8);
    }

    private int sessionsWithId(String sessionId) {
        return jdbc.sql("SELECT COUNT(*) FROM SPRING_SESSION WHERE SESSION_ID = :id")
                .param("id", sessionId).query(Integer.class).single();
    }

    private String principalOf(String sessionId) {
        return jdbc.sql("SELECT PRINCIPAL_NAME FROM SPRING_SESSION WHERE SESSION_ID = :id")
                .param("id", sessionId).query(String.class).optional().orElse(null);
    }
}
