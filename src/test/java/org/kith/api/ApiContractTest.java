package org.kith.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.flowable.engine.RuntimeService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.kith.funds.Fund;
import org.kith.identity.CurrentUser;
import org.kith.support.EngineDriver;
import org.kith.support.Journey;
import org.kith.support.KithTest;
import org.kith.support.TestData;
import org.kith.workflow.ProcessKeys;
import org.kith.workflow.TaskKeys;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The documented API (issue #2, section 6) end to end over HTTP, as a script with HTTP Basic would use it. */
@KithTest
class ApiContractTest {

    /** Accents, Gaelic, a dotted consonant, CJK, and emoji outside the BMP including a ZWJ sequence. */
    static final String UNICODE = "Café ☕ 🍲 Gàidhlig ḃ 中文 👩🏽‍🦳";

    @Autowired
    MockMvc mvc;
    @Autowired
    ObjectMapper json;
    @Autowired
    TestData data;
    @Autowired
    Journey journey;
    @Autowired
    EngineDriver engine;
    @Autowired
    RuntimeService runtime;
    @Autowired
    JdbcClient jdbc;

    Api api;
    Fund fund;
    CurrentUser applicant;

    @BeforeEach
    void setUp() {
        api = new Api(mvc, json);
        fund = data.fund();
        applicant = data.charityApplicant();
    }

    // --- drafts ---

    @Test
    void createDraft_answers201WithLocationIdReferenceAndDraftStatus() {
        Api.Reply reply = api.post(applicant, "/api/applications", Api.draft(fund, "Lunch club", "3000.00"))
                .expect(201);
        JsonNode body = reply.body();
        long id = body.path("id").asLong();
        assertThat(id).isPositive();
        assertThat(reply.header("Location")).endsWith("/api/applications/" + id);
        assertThat(body.path("reference").asText()).matches("^KITH-\\d{4}-\\d{6}$");
        assertThat(body.path("status").asText()).isEqualTo("DRAFT");
        assertThat(api.status(applicant, id)).isEqualTo("DRAFT");
    }

    @Test
    void putEditsADraft_andIsRefusedWith409OnceSubmitted() {
        long id = api.create(applicant, Api.draft(fund, "First title", "3000.00"));

        Map<String, Object> edit = Api.draft(fund, "Second title", "3500.50");
        JsonNode edited = api.put(applicant, "/api/applications/" + id, edit).expect(200).body();
        assertThat(edited.path("title").asText()).isEqualTo("Second title");
        assertThat(api.application(applicant, id).body().path("amountRequested").decimalValue())
                .isEqualByComparingTo("3500.50");

        api.submit(applicant, id).expect(200);
        api.put(applicant, "/api/applications/" + id, Api.draft(fund, "Third title", "3000.00"))
                .expectProblem(409);
        assertThat(api.application(applicant, id).body().path("title").asText()).isEqualTo("Second title");
    }

    @Test
    void sameIdempotencyKeyTwice_returnsTheSameApplication_andCreatesOnlyOne() {
        String key = "lunch-club-" + System.nanoTime();
        long first = createWithKey(key).expect(201).body().path("id").asLong();
        long second = createWithKey(key).body().path("id").asLong();

        assertThat(second).isEqualTo(first);
        assertThat(api.get(applicant, "/api/applications").expect(200).body()).hasSize(1);
    }

    @Test
    void sameIdempotencyKeyWithADifferentBody_is422_andCreatesNothingMore() {
        String key = "lunch-club-" + System.nanoTime();
        long first = createWithKey(key).expect(201).body().path("id").asLong();

        Map<String, Object> other = Api.draft(fund, "Another project", "4000.00");
        Api.Reply reused = api.perform(api.request(applicant, HttpMethod.POST, "/api/applications", other)
                .header("Idempotency-Key", key)).expectProblem(422);
        assertThat(reused.body().path("detail").asText()).contains("another request");

        assertThat(createWithKey(key).expect(201).body().path("id").asLong()).as("same body, same key")
                .isEqualTo(first);
        assertThat(api.get(applicant, "/api/applications").expect(200).body()).hasSize(1);
    }

    @ParameterizedTest(name = "fundId {0}")
    @CsvSource(value = {"-1", "0", "987654321", "null"})
    void editWithAMissingOrUnknownFund_is400NamingFundId_likeCreate(String fundId) {
        long id = api.create(applicant, Api.draft(fund, "Lunch club", "3000.00"));
        Map<String, Object> edit = Api.draft(fund, "Edited", "3000.00");
        edit.put("fundId", "null".equals(fundId) ? null : Long.valueOf(fundId));

        assertThat(api.put(applicant, "/api/applications/" + id, edit).expectProblem(400).errorFields())
                .containsExactly("fundId");
        assertThat(api.application(applicant, id).body().path("title").asText()).isEqualTo("Lunch club");
    }

    @Test
    void editMovingADraftToAnotherOpenFund_isAllowed_andTheAnswersAreCheckedAgainstTheNewFund() {
        Fund other = data.fund(f -> f);
        long id = api.create(applicant, Api.draft(fund, "Lunch club", "3000.00"));

        JsonNode moved = api.put(applicant, "/api/applications/" + id, Api.draft(other, "Lunch club", "3000.00"))
                .expect(200).body();

        assertThat(moved.path("fundId").asLong()).isEqualTo(other.id());
        assertThat(api.application(applicant, id).body().path("fundId").asLong()).isEqualTo(other.id());
    }

    @Test
    void submitSentTwice_leavesOneApplicationWithOneProcess() {
        long id = api.create(applicant, Api.draft(fund, "Lunch club", "3000.00"));

        JsonNode first = api.submit(applicant, id).expect(200).body();
        JsonNode second = api.submit(applicant, id).expect(200).body();

        assertThat(second.path("id").asLong()).isEqualTo(first.path("id").asLong()).isEqualTo(id);
        assertThat(second.path("status").asText()).isNotEqualTo("DRAFT");
        assertThat(runtime.createProcessInstanceQuery().processDefinitionKey(ProcessKeys.GRANT_APPLICATION)
                .processInstanceBusinessKey(Long.toString(id)).count()).isEqualTo(1);
        assertThat(api.get(applicant, "/api/applications").body()).hasSize(1);
    }

    @Test
    void getApplication_hasTheDocumentedKeys_withAmountAwardedNullBeforeAnAward() {
        long id = api.create(applicant, Api.draft(fund, "Lunch club", "3000.00"));

        JsonNode body = api.application(applicant, id).expect(200).body();

        assertThat(fieldNames(body)).contains("id", "reference", "fundId", "status", "route", "amountRequested",
                "amountAwarded");
        assertThat(body.path("fundId").asLong()).isEqualTo(fund.id());
        assertThat(body.path("amountRequested").decimalValue()).isEqualByComparingTo("3000");
        assertThat(body.get("amountAwarded").isNull()).as("amountAwarded present and null").isTrue();
        assertThat(body.get("route").isNull()).as("no route before submission").isTrue();
    }

    @Test
    void history_isTheAuditTimeline_withActorActionAndToStatus() {
        long id = api.createAndSubmit(applicant, fund, "Lunch club", "3000.00");

        JsonNode history = api.get(applicant, "/api/applications/" + id + "/history").expect(200).body();

        List<String> actions = new ArrayList<>();
        history.forEach(e -> actions.add(e.path("action").asText()));
        assertThat(actions).containsSubsequence("APPLICATION_STARTED", "SUBMITTED", "ROUTED");
        JsonNode started = history.get(0);
        assertThat(started.path("actor").asText()).isEqualTo(applicant.username());
        assertThat(started.path("toStatus").asText()).isEqualTo("DRAFT");
        JsonNode submitted = history.get(actions.indexOf("SUBMITTED"));
        assertThat(submitted.path("actor").asText()).isEqualTo(applicant.username());
        assertThat(submitted.path("toStatus").asText()).isEqualTo("SUBMITTED");
        assertThat(history.get(actions.indexOf("ROUTED")).path("toStatus").asText()).isEqualTo("IN_ASSESSMENT");
    }

    // --- the whole light-touch journey over HTTP ---

    @Test
    void lightTouchJourney_everyTaskFormOverHttp_fromSubmitToClosed() {
        CurrentUser assessor = data.assessor();
        CurrentUser manager = data.manager();
        long id = api.createAndSubmit(applicant, fund, "Lunch club", "3000.00");
        JsonNode view = api.application(applicant, id).body();
        assertThat(view.path("status").asText()).isEqualTo("IN_ASSESSMENT");
        assertThat(view.path("route").asText()).isEqualTo("LIGHT_TOUCH");

        JsonNode item = api.inboxItem(assessor, id, TaskKeys.ASSESS_APPLICATION);
        assertThat(item).as("assessment in a fresh assessor's inbox").isNotNull();
        assertThat(fieldNames(item)).contains("id", "key", "applicationId", "reference", "due", "assignee");
        assertThat(item.path("reference").asText()).isEqualTo(view.path("reference").asText());
        assertThat(item.get("assignee").isNull()).isTrue();
        String assessTask = item.path("id").asText();

        assertThat(api.claim(assessor, assessTask).expect(200).body().path("outcome").asText()).isEqualTo("CLAIMED");
        assertThat(api.inboxItem(assessor, id, TaskKeys.ASSESS_APPLICATION).path("assignee").asText())
                .isEqualTo(assessor.username());
        api.complete(assessor, assessTask, Journey.scores("FUND")).expect(200);
        api.complete(assessor, assessTask, Journey.scores("FUND")).expectProblem(409);
        assertThat(api.status(applicant, id)).isEqualTo("AWAITING_DECISION");

        api.completeFromInbox(manager, id, TaskKeys.DECIDE_APPLICATION,
                Map.of("outcome", "AWARD", "amountAwarded", "2500.00"));
        assertThat(api.status(applicant, id)).isEqualTo("OFFERED");
        runJobs(id);
        assertOfferLetterIsAPdf(id);

        assertThat(api.inboxItem(applicant, id, TaskKeys.ACCEPT_OFFER).get("due").isNull())
                .as("the offer has a date to answer by").isFalse();
        api.completeFromInbox(applicant, id, TaskKeys.ACCEPT_OFFER, Map.of("accept", true));
        assertThat(api.status(applicant, id)).isEqualTo("FUNDED");

        api.completeFromInbox(manager, id, TaskKeys.RECORD_PAYMENT, Map.of("paid", true));
        api.completeFromInbox(applicant, id, TaskKeys.SUBMIT_REPORT, report("We cooked every Tuesday."));
        assertThat(api.status(applicant, id)).isEqualTo("FUNDED");
        api.completeFromInbox(manager, id, TaskKeys.REVIEW_REPORT, Map.of("outcome", "ACCEPT"));

        JsonNode closed = api.application(applicant, id).body();
        assertThat(closed.path("status").asText()).isEqualTo("CLOSED");
        assertThat(closed.path("amountAwarded").decimalValue()).isEqualByComparingTo("2500.00");
    }

    @Test
    void variationRequest_answers201_andReachesTheFundManager() {
        long id = journey.funded(applicant, fund, "3000.00");

        Api.Reply reply = api.post(applicant, "/api/applications/" + id + "/variations",
                Map.of("description", "Move the club to Wednesdays")).expect(201);

        assertThat(reply.header("Location")).contains("/api/applications/" + id + "/variations/");
        assertThat(reply.body().path("status").asText()).isEqualTo("REQUESTED");
        CurrentUser manager = data.manager();
        api.completeFromInbox(manager, id, TaskKeys.REVIEW_VARIATION, Map.of("approve", true));
        JsonNode variations = api.get(applicant, "/api/applications/" + id + "/variations").expect(200).body();
        assertThat(variations).hasSize(1);
        assertThat(variations.get(0).path("status").asText()).isEqualTo("APPROVED");
    }

    // --- funds ---

    @Test
    void funds_arePublic_listAndOne_withoutCredentials() {
        JsonNode all = api.get(null, "/api/funds").expect(200).body();
        List<String> slugs = new ArrayList<>();
        all.forEach(f -> slugs.add(f.path("slug").asText()));
        assertThat(slugs).contains("social-isolation-and-loneliness", fund.slug());

        JsonNode one = api.get(null, "/api/funds/" + fund.id()).expect(200).body();
        assertThat(one.path("name").asText()).isEqualTo(fund.name());
        assertThat(one.path("questions")).isNotEmpty();
        api.get(null, "/api/funds/987654321").expectProblem(404);
    }

    @ParameterizedTest(name = "{0} reads the fund summary")
    @CsvSource({"manager", "funder"})
    void fundSummary_budgetCommittedPaidAndCounts_forStaff(String staff) {
        journey.funded(applicant, fund, "3000.00");
        api.create(data.charityApplicant(), Api.draft(fund, "Another", "1000.00"));
        CurrentUser reader = staff.equals("funder") ? data.funderOf(fund) : data.existing("manager1");

        JsonNode summary = api.get(reader, "/api/funds/" + fund.id() + "/summary").expect(200).body();

        assertThat(summary.path("budget").decimalValue()).isEqualByComparingTo(fund.budget());
        assertThat(summary.path("committed").decimalValue()).isEqualByComparingTo("3000.00");
        assertThat(summary.path("paid").decimalValue()).isEqualByComparingTo("0");
        assertThat(summary.path("countsByStatus").path("FUNDED").asLong()).isEqualTo(1);
        assertThat(summary.path("countsByStatus").path("DRAFT").asLong()).isEqualTo(1);
    }

    @Test
    void fundSummary_isForbiddenToAnApplicant_andUnknownToAFunderOfAnotherFund() {
        api.get(applicant, "/api/funds/" + fund.id() + "/summary").expectProblem(403);
        api.get(data.funderOf(data.fund()), "/api/funds/" + fund.id() + "/summary").expectProblem(404);
    }

    // --- errors ---

    @ParameterizedTest(name = "{0} -> errors lists {2}")
    @CsvSource(delimiter = '|', value = {
            "missing title         | {\"fundId\":FUND,\"summary\":\"s\",\"amountRequested\":1000}              | title",
            "blank title           | {\"fundId\":FUND,\"title\":\"  \",\"amountRequested\":1000}               | title",
            "amount, 3 decimals    | {\"fundId\":FUND,\"title\":\"t\",\"amountRequested\":1000.123}            | amountRequested",
            "amount below a penny  | {\"fundId\":FUND,\"title\":\"t\",\"amountRequested\":0}                   | amountRequested",
            "amount of wrong type  | {\"fundId\":FUND,\"title\":\"t\",\"amountRequested\":\"lots\"}            | amountRequested",
            "fundId of wrong type  | {\"fundId\":\"loneliness\",\"title\":\"t\"}                              | fundId",
            "unknown fund          | {\"fundId\":987654321,\"title\":\"t\"}                                    | fundId",
            "no fund               | {\"title\":\"t\"}                                                         | fundId",
            "unknown answer key    | {\"fundId\":FUND,\"title\":\"t\",\"answers\":{\"favouriteColour\":\"blue\"}} | answers.favouriteColour",
            "NUL in title          | {\"fundId\":FUND,\"title\":\"Lunch\\u0000club\"}                    | title",
            "escape code, summary  | {\"fundId\":FUND,\"title\":\"t\",\"summary\":\"\\u001b[31mred\"} | summary",
            "bell in an answer     | {\"fundId\":FUND,\"title\":\"t\",\"answers\":{\"whoBenefits\":\"a\\u0007b\"}} | answers.whoBenefits"
    })
    void invalidDraft_isAProblemWithTheFieldListed_never500(String attack, String body, String field) {
        Api.Reply reply = api.post(applicant, "/api/applications", body.replace("FUND", Long.toString(fund.id())))
                .expectProblem(400);
        assertThat(reply.errorFields()).contains(field);
        assertThat(api.get(applicant, "/api/applications").body()).as("nothing created").isEmpty();
    }

    @Test
    void lineBreaksAndTabsInText_areKept() {
        Map<String, Object> draft = Api.draft(fund, "Lunch club", "3000.00");
        draft.put("summary", "Tuesdays:\r\n\tsoup\n\tcompany");
        long id = api.create(applicant, draft);

        assertThat(api.application(applicant, id).body().path("summary").asText())
                .isEqualTo("Tuesdays:\r\n\tsoup\n\tcompany");
    }

    @Test
    void malformedJsonBody_isA400Problem_notA500() {
        api.post(applicant, "/api/applications", "{\"fundId\": " + fund.id() + ", \"title\": ").expectProblem(400);
        long id = api.create(applicant, Api.draft(fund, "Lunch club", "3000.00"));
        api.put(applicant, "/api/applications/" + id, "not json at all").expectProblem(400);
        api.post(applicant, "/api/tasks/anything/complete", "{oops").expectProblem(400);
    }

    @Test
    void invalidEdit_listsTheField_andLeavesTheDraftAlone() {
        long id = api.create(applicant, Api.draft(fund, "Lunch club", "3000.00"));
        Map<String, Object> edit = Api.draft(fund, "Lunch club", "3000.00");
        edit.put("answers", Map.of("notAQuestion", "x"));

        assertThat(api.put(applicant, "/api/applications/" + id, edit).expectProblem(400).errorFields())
                .containsExactly("answers.notAQuestion");
        assertThat(api.application(applicant, id).body().path("answers").path("whoBenefits").asText())
                .isEqualTo(Journey.answers().get("whoBenefits"));
    }

    @Test
    void submittingAnIncompleteDraft_is400ListingMissingFields_andTheDraftIsUnchanged() {
        Map<String, Object> partial = new LinkedHashMap<>();
        partial.put("fundId", fund.id());
        partial.put("title", "Half-written");
        partial.put("answers", Map.of("whoBenefits", "Older people in Leith"));
        long id = api.create(applicant, partial);

        Api.Reply reply = api.submit(applicant, id).expectProblem(400);

        assertThat(reply.errorFields()).contains("summary", "amountRequested", "answers.whatDifference")
                .doesNotContain("answers.whoBenefits", "answers.communityLed");
        JsonNode after = api.application(applicant, id).body();
        assertThat(after.path("status").asText()).isEqualTo("DRAFT");
        assertThat(after.path("answers").path("whoBenefits").asText()).isEqualTo("Older people in Leith");
        assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(Long.toString(id)).count())
                .isZero();
    }

    @Test
    void invalidTaskForm_isAProblemListingTheField() {
        long id = api.createAndSubmit(applicant, fund, "Lunch club", "3000.00");
        CurrentUser assessor = data.assessor();
        String task = api.taskId(assessor, id, TaskKeys.ASSESS_APPLICATION);

        assertThat(api.complete(assessor, task, Map.of("conflictOfInterest", "maybe")).expectProblem(400)
                .errorFields()).contains("conflictOfInterest");
        Map<String, Object> missingScore = new HashMap<>(Journey.scores("FUND"));
        missingScore.put("scores", Map.of("need", 4));
        assertThat(api.complete(assessor, task, missingScore).expectProblem(400).errorFields())
                .contains("scores.difference");
        Map<String, Object> unknownRecommendation = new HashMap<>(Journey.scores("FUND"));
        unknownRecommendation.put("recommendation", "MAYBE");
        assertThat(api.complete(assessor, task, unknownRecommendation).expectProblem(400).body()
                .path("errors").get(0).path("message").asText())
                .isEqualTo("Use one of: FUND, FUND_IN_PART, DO_NOT_FUND.");
        Map<String, Object> nulInComment = new HashMap<>(Journey.scores("FUND"));
        nulInComment.put("comment", "Strong\u0000plan");
        assertThat(api.complete(assessor, task, nulInComment).expectProblem(400).errorFields()).contains("comment");
        assertThat(api.status(applicant, id)).isEqualTo("IN_ASSESSMENT");
    }

    @Test
    void inbox_comesInPagesWithALinkToTheNext_andNarrowsToOneKindOfTask() {
        CurrentUser assessor = data.assessor();
        List<Long> mine = List.of(api.createAndSubmit(applicant, fund, "One", "3000.00"),
                api.createAndSubmit(data.charityApplicant(), fund, "Two", "3000.00"),
                api.createAndSubmit(data.charityApplicant(), fund, "Three", "3000.00"));

        Api.Reply first = api.get(assessor, "/api/tasks?size=1&key=assessApplication").expect(200);
        assertThat(first.body()).hasSize(1);
        assertThat(first.header(HttpHeaders.LINK)).contains("page=1", "size=1", "key=assessApplication")
                .endsWith("; rel=\"next\"");

        List<String> seen = new ArrayList<>();
        List<Long> applications = new ArrayList<>();
        String next = "/api/tasks?size=100&key=assessApplication";
        while (next != null) {
            Api.Reply page = api.get(assessor, next).expect(200);
            page.body().forEach(task -> {
                assertThat(task.path("key").asText()).isEqualTo("assessApplication");
                seen.add(task.path("id").asText());
                applications.add(task.path("applicationId").asLong());
            });
            String link = page.header(HttpHeaders.LINK);
            next = link == null ? null : link.substring(link.indexOf("/api/tasks"), link.indexOf('>'));
        }
        assertThat(seen).doesNotHaveDuplicates();
        assertThat(applications).containsAll(mine);
    }

    @Test
    void applicationList_comesInPagesNewestFirst_andStaffCanNarrowItByFundAndStatus() {
        Fund other = data.fund();
        long older = api.createAndSubmit(applicant, other, "Older", "3000.00");
        long newer = api.createAndSubmit(data.charityApplicant(), other, "Newer", "3000.00");
        long draft = api.create(data.charityApplicant(), Api.draft(other, "Draft", "3000.00"));
        CurrentUser manager = data.manager();

        JsonNode inFund = api.get(manager, "/api/applications?fundId=" + other.id()).expect(200).body();
        assertThat(Api.ids(inFund)).containsExactly(newer, older).doesNotContain(draft);

        Api.Reply first = api.get(manager, "/api/applications?size=1&fundId=" + other.id()).expect(200);
        assertThat(Api.ids(first.body())).containsExactly(newer);
        String next = first.header(HttpHeaders.LINK);
        assertThat(next).contains("page=1", "size=1", "fundId=" + other.id());
        Api.Reply second = api.get(manager, next.substring(next.indexOf("/api/applications"), next.indexOf('>')));
        assertThat(Api.ids(second.expect(200).body())).containsExactly(older);

        assertThat(Api.ids(api.get(manager, "/api/applications?fundId=" + other.id() + "&status=IN_ASSESSMENT")
                .expect(200).body())).containsExactly(newer, older);
        assertThat(api.get(manager, "/api/applications?fundId=" + other.id() + "&status=FUNDED").expect(200)
                .body()).isEmpty();
        assertThat(Api.ids(api.get(applicant, "/api/applications?fundId=" + other.id()).expect(200).body()))
                .as("a group still sees only its own").containsExactly(older);
        assertThat(api.get(manager, "/api/applications?status=MAYBE").expectProblem(400).body()
                .path("errors").get(0).path("message").asText()).startsWith("Use one of: DRAFT, SUBMITTED");
    }

    @ParameterizedTest(name = "GET /api/tasks?{0} -> errors lists {1}")
    @CsvSource({"size=0, size", "size=501, size", "page=-1, page", "page=abc, page", "key=nope, key"})
    void inboxPaging_withAWrongValue_isAProblemNamingIt(String query, String field) {
        assertThat(api.get(applicant, "/api/tasks?" + query).expectProblem(400).errorFields()).contains(field);
        if (!field.equals("key")) {
            String forApplications = query.equals("size=501") ? "size=1001" : query;
            assertThat(api.get(applicant, "/api/applications?" + forApplications).expectProblem(400).errorFields())
                    .contains(field);
        }
    }

    // --- mass assignment ---

    @Test
    void massAssignment_statusOrganisationAwardAndReferenceFromTheClient_areIgnored() {
        CurrentUser other = data.charityApplicant();
        Map<String, Object> attack = Api.draft(fund, "Lunch club", "3000.00");
        attack.putAll(Map.of("status", "FUNDED", "organisationId", other.organisationId(),
                "amountAwarded", "20000.00", "reference", "KITH-1999-000001", "route", "LIGHT_TOUCH"));

        JsonNode created = api.post(applicant, "/api/applications", attack).expect(201).body();
        long id = created.path("id").asLong();
        assertOwnUntouchedDraft(api.application(applicant, id).body());
        assertThat(created.path("reference").asText()).isNotEqualTo("KITH-1999-000001");

        attack.put("title", "Edited");
        assertOwnUntouchedDraft(api.put(applicant, "/api/applications/" + id, attack).expect(200).body());
        assertOwnUntouchedDraft(api.application(applicant, id).body());
        assertThat(api.get(other, "/api/applications").body()).as("nothing landed in the other group").isEmpty();
    }

    // --- Unicode ---

    @Test
    void unicodeAndEmoji_roundTripThroughEveryFreeTextField() {
        CurrentUser assessor = data.assessor();
        CurrentUser manager = data.manager();
        Map<String, Object> draft = Api.draft(fund, "Title " + UNICODE, "3000.00");
        draft.put("summary", "Summary " + UNICODE);
        draft.put("answers", Map.of("whoBenefits", "Who " + UNICODE, "whatDifference", "Difference " + UNICODE,
                "communityLed", "Led " + UNICODE));
        long id = api.create(applicant, draft);
        JsonNode stored = api.application(applicant, id).body();
        assertThat(stored.path("title").asText()).isEqualTo("Title " + UNICODE);
        assertThat(stored.path("summary").asText()).isEqualTo("Summary " + UNICODE);
        assertThat(json.convertValue(stored.path("answers"), Map.class)).isEqualTo(draft.get("answers"));
        api.submit(applicant, id).expect(200);

        Map<String, Object> assessment = new HashMap<>(Journey.scores("FUND"));
        assessment.put("comment", "Comment " + UNICODE);
        api.completeFromInbox(assessor, id, TaskKeys.ASSESS_APPLICATION, assessment);
        assertThat(column("SELECT comment FROM assessment WHERE application_id = :id", id))
                .isEqualTo("Comment " + UNICODE);

        api.completeFromInbox(manager, id, TaskKeys.DECIDE_APPLICATION, Map.of("outcome", "REQUEST_INFORMATION",
                "question", "Question " + UNICODE, "reason", "Why " + UNICODE));
        api.completeFromInbox(applicant, id, TaskKeys.PROVIDE_INFORMATION, Map.of("answer", "Answer " + UNICODE));
        assertThat(column("SELECT question FROM information_request WHERE application_id = :id", id))
                .isEqualTo("Question " + UNICODE);
        assertThat(column("SELECT answer FROM information_request WHERE application_id = :id", id))
                .isEqualTo("Answer " + UNICODE);

        api.completeFromInbox(manager, id, TaskKeys.DECIDE_APPLICATION,
                Map.of("outcome", "AWARD", "amountAwarded", "3000.00", "reason", "Reason " + UNICODE));
        assertThat(jdbc.sql("SELECT reason FROM decision WHERE application_id = :id ORDER BY id")
                .param("id", id).query(String.class).list()).containsExactly("Why " + UNICODE, "Reason " + UNICODE);
        assertThat(column("SELECT question FROM decision WHERE application_id = :id AND question IS NOT NULL", id))
                .isEqualTo("Question " + UNICODE);

        runJobs(id);
        assertOfferLetterIsAPdf(id);
        api.completeFromInbox(applicant, id, TaskKeys.ACCEPT_OFFER, Map.of("accept", true));
        api.completeFromInbox(applicant, id, TaskKeys.SUBMIT_REPORT, report("Did " + UNICODE));
        Map<String, Object> report = jdbc.sql("""
                SELECT what_we_did, difference_it_made, what_we_learned FROM grant_report WHERE application_id = :id""")
                .param("id", id).query().singleRow();
        assertThat(report.values()).containsOnly("Did " + UNICODE);

        api.post(applicant, "/api/applications/" + id + "/variations",
                Map.of("description", "Change " + UNICODE)).expect(201);
        assertThat(api.get(applicant, "/api/applications/" + id + "/variations").body().get(0)
                .path("description").asText()).isEqualTo("Change " + UNICODE);
        assertThat(api.application(applicant, id).body().path("title").asText()).isEqualTo("Title " + UNICODE);
    }

    // --- helpers ---

    private Api.Reply createWithKey(String key) {
        return api.perform(api.request(applicant, HttpMethod.POST, "/api/applications",
                Api.draft(fund, "Lunch club", "3000.00")).header("Idempotency-Key", key));
    }

    private void assertOwnUntouchedDraft(JsonNode application) {
        assertThat(application.path("status").asText()).isEqualTo("DRAFT");
        assertThat(application.path("organisationId").asLong()).isEqualTo(applicant.organisationId());
        assertThat(application.get("amountAwarded").isNull()).isTrue();
        assertThat(application.get("route").isNull()).isTrue();
        assertThat(application.path("reference").asText()).matches("^KITH-\\d{4}-\\d{6}$")
                .isNotEqualTo("KITH-1999-000001");
    }

    private void assertOfferLetterIsAPdf(long id) {
        Api.Reply letter = api.get(applicant, "/api/applications/" + id + "/offer-letter.pdf").expect(200);
        assertThat(letter.contentType()).isEqualTo(MediaType.APPLICATION_PDF_VALUE);
        byte[] bytes = letter.result().getResponse().getContentAsByteArray();
        assertThat(new String(bytes, 0, 4, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("%PDF");
    }

    private void runJobs(long applicationId) {
        String processInstanceId = runtime.createProcessInstanceQuery()
                .processDefinitionKey(ProcessKeys.GRANT_APPLICATION)
                .processInstanceBusinessKey(Long.toString(applicationId)).singleResult().getId();
        engine.runDueJobs(processInstanceId);
        assertThat(engine.deadLetters(processInstanceId)).isEmpty();
    }

    private String column(String sql, long applicationId) {
        return jdbc.sql(sql).param("id", applicationId).query(String.class).single();
    }

    private static Map<String, Object> report(String text) {
        return Map.of("whatWeDid", text, "differenceItMade", text, "whatWeLearned", text, "peopleReached", 42,
                "amountSpent", "2999.99");
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
