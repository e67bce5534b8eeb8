package org.kith.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.kith.identity.CurrentUser;
import org.kith.support.Journey;
import org.kith.support.KithTest;
import org.kith.support.TestData;
import org.kith.workflow.TaskKeys;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.test.web.servlet.MockMvc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * An applicant sees only their own group's data; anything else answers 404 and leaks nothing. Staff see
 * nothing in draft, act only on tasks of their own candidate group, and lose sight of an application for
 * good once they declare a conflict of interest.
 */
@KithTest
class IsolationTest {

    enum Stage { DRAFT, SUBMITTED, OFFERED, FUNDED }

    /** One endpoint of an application, as group B would try it against group A's. */
    record Probe(HttpMethod method, String suffix, Object body) {

        String url(long id) {
            return "/api/applications/" + id + suffix;
        }

        @Override
        public String toString() {
            return method + " " + suffix;
        }
    }

    static final List<Probe> APPLICATION_ENDPOINTS = List.of(
            new Probe(HttpMethod.GET, "", null),
            new Probe(HttpMethod.GET, "/history", null),
            new Probe(HttpMethod.PUT, "", Map.of("title", "Taken over", "summary", "x", "amountRequested", 500)),
            new Probe(HttpMethod.POST, "/submit", null),
            new Probe(HttpMethod.POST, "/withdraw", null),
            new Probe(HttpMethod.GET, "/offer-letter.pdf", null),
            new Probe(HttpMethod.POST, "/variations", Map.of("description", "Send the money to us instead")),
            new Probe(HttpMethod.GET, "/variations", null),
            new Probe(HttpMethod.GET, "/assessments", null));

    @Autowired
    MockMvc mvc;
    @Autowired
    ObjectMapper json;
    @Autowired
    TestData data;
    @Autowired
    Journey journey;

    Api api;
    CurrentUser groupA;
    CurrentUser groupB;

    @BeforeEach
    void setUp() {
        api = new Api(mvc, json);
        groupA = data.charityApplicant();
        groupB = data.charityApplicant();
    }

    @ParameterizedTest(name = "A''s application {0}")
    @EnumSource(Stage.class)
    void anotherGroup_getsNotFoundOnEveryEndpoint_andLearnsNothing(Stage stage) {
        long id = reach(stage);
        JsonNode before = api.application(groupA, id).expect(200).body();
        String title = before.path("title").asText();
        String reference = before.path("reference").asText();

        List<String> leaks = new ArrayList<>();
        for (Probe probe : APPLICATION_ENDPOINTS) {
            Api.Reply reply = api.call(groupB, probe.method(), probe.url(id), probe.body()).expectProblem(404);
            if (reply.text().contains(title) || reply.text().contains(reference)) {
                leaks.add(probe + ": " + reply.text());
            }
        }

        assertThat(leaks).as("404 bodies naming A's application").isEmpty();
        JsonNode after = api.application(groupA, id).expect(200).body();
        assertThat(after.path("status").asText()).isEqualTo(before.path("status").asText());
        assertThat(after.path("title").asText()).isEqualTo(title);
        assertThat(api.get(groupA, "/api/applications/" + id + "/variations").body()).isEmpty();
    }

    @ParameterizedTest(name = "the offer letter of A''s application {0} is A''s alone")
    @EnumSource(value = Stage.class, names = {"OFFERED", "FUNDED"})
    void offerLetter_existsForTheGroup_butIsNotFoundForAnother(Stage stage) {
        long id = reach(stage);

        api.get(groupA, "/api/applications/" + id + "/offer-letter.pdf").expect(200);
        api.get(groupB, "/api/applications/" + id + "/offer-letter.pdf").expectProblem(404);
    }

    @Test
    void eachGroupsOwnProfile_isItsOwn_andStaffHaveNone() {
        JsonNode mine = api.get(groupB, "/api/organisations/me").expect(200).body();
        JsonNode theirs = api.get(groupA, "/api/organisations/me").expect(200).body();

        assertThat(mine.path("id").asLong()).isEqualTo(groupB.organisationId());
        assertThat(theirs.path("id").asLong()).isEqualTo(groupA.organisationId());
        assertThat(mine.path("name").asText()).isNotEqualTo(theirs.path("name").asText());
        api.get(data.assessor(), "/api/organisations/me").expectProblem(404);
    }

    @Test
    void anotherGroupsList_includesItsOwnApplications_butNoneOfA() {
        long theirs = api.create(groupA, Api.draft(data.fund(), uniqueTitle(), "3000.00"));
        long submitted = reach(Stage.SUBMITTED);
        long mine = api.create(groupB, Api.draft(data.fund(), uniqueTitle(), "3000.00"));

        assertThat(Api.ids(api.get(groupB, "/api/applications").expect(200).body()))
                .containsExactly(mine).doesNotContain(theirs, submitted);
        assertThat(Api.ids(api.get(groupA, "/api/applications").body())).contains(theirs, submitted);
    }

    @Test
    void anotherGroup_cannotClaimOrCompleteTheOfferAcceptance() {
        long id = reach(Stage.OFFERED);
        String task = journey.one(id, TaskKeys.ACCEPT_OFFER).getId();

        assertThat(api.inboxItem(groupB, id, TaskKeys.ACCEPT_OFFER)).isNull();
        api.get(groupB, "/api/tasks/" + task).expectProblem(404);
        api.claim(groupB, task).expectProblem(404);
        api.complete(groupB, task, Map.of("accept", false)).expectProblem(404);

        assertThat(api.status(groupA, id)).isEqualTo("OFFERED");
        assertThat(api.taskId(groupA, id, TaskKeys.ACCEPT_OFFER)).isEqualTo(task);
    }

    @Test
    void anotherGroup_cannotClaimOrCompleteTheEndOfGrantReport() {
        long id = reach(Stage.FUNDED);
        String task = journey.one(id, TaskKeys.SUBMIT_REPORT).getId();

        assertThat(api.inboxItem(groupB, id, TaskKeys.SUBMIT_REPORT)).isNull();
        api.get(groupB, "/api/tasks/" + task).expectProblem(404);
        api.claim(groupB, task).expectProblem(404);
        api.complete(groupB, task, Map.of("whatWeDid", "Nothing", "differenceItMade", "None",
                "whatWeLearned", "Nothing", "peopleReached", 0, "amountSpent", 0)).expectProblem(404);

        assertThat(journey.one(id, TaskKeys.SUBMIT_REPORT).getId()).isEqualTo(task);
    }

    @Test
    void assessor_cannotSeeADraft() {
        long id = reach(Stage.DRAFT);
        CurrentUser assessor = data.assessor();

        api.application(assessor, id).expectProblem(404);
        api.get(assessor, "/api/applications/" + id + "/history").expectProblem(404);
        assertThat(Api.ids(api.get(assessor, "/api/applications").expect(200).body())).doesNotContain(id);
    }

    @Test
    void applicant_cannotClaimOrCompleteTheFundManagersDecision() {
        long id = awaitingDecision();
        String task = journey.one(id, TaskKeys.DECIDE_APPLICATION).getId();
        Map<String, Object> selfAward = Map.of("outcome", "AWARD", "amountAwarded", "3000.00");

        assertThat(api.claim(groupA, task).status()).isIn(403, 404);
        assertThat(api.complete(groupA, task, selfAward).status()).isIn(403, 404);

        assertThat(api.status(groupA, id)).isEqualTo("AWAITING_DECISION");
    }

    @Test
    void assessor_cannotDecideAnApplication() {
        long id = awaitingDecision();
        CurrentUser assessor = data.assessor();
        String task = journey.one(id, TaskKeys.DECIDE_APPLICATION).getId();

        // An assessor sees an application only through their own work on it: to them this task does not exist.
        api.claim(assessor, task).expectProblem(404);
        api.complete(assessor, task, Map.of("outcome", "DECLINE", "reason", "Not for me to say")).expectProblem(404);

        assertThat(api.status(groupA, id)).isEqualTo("AWAITING_DECISION");
    }

    @Test
    void taskAssignedToSomeoneElse_cannotBeCompletedOrTakenOver() {
        long id = reach(Stage.SUBMITTED);
        CurrentUser first = data.assessor();
        CurrentUser second = data.assessor();
        String task = api.taskId(first, id, TaskKeys.ASSESS_APPLICATION);
        api.claim(first, task).expect(200);

        // The only assessment is held by someone else: the second assessor has no work on this application.
        api.complete(second, task, Journey.scores("DO_NOT_FUND")).expectProblem(404);
        api.claim(second, task).expectProblem(404);

        assertThat(journey.one(id, TaskKeys.ASSESS_APPLICATION).getAssignee()).isEqualTo(first.username());
        assertThat(api.status(groupA, id)).isEqualTo("IN_ASSESSMENT");
    }

    @Test
    void conflictOfInterest_returnsTheTaskToThePool_andHidesTheApplicationFromThatAssessorForGood() {
        long id = reach(Stage.SUBMITTED);
        CurrentUser conflicted = data.assessor();
        CurrentUser other = data.assessor();
        String task = api.taskId(conflicted, id, TaskKeys.ASSESS_APPLICATION);
        api.claim(conflicted, task).expect(200);

        JsonNode outcome = api.complete(conflicted, task, Map.of("conflictOfInterest", true)).expect(200).body();

        assertThat(outcome.path("outcome").asText()).isEqualTo("RETURNED_TO_POOL");
        api.application(conflicted, id).expectProblem(404);
        api.get(conflicted, "/api/applications/" + id + "/history").expectProblem(404);
        api.get(conflicted, "/api/tasks/" + task).expectProblem(404);
        api.claim(conflicted, task).expectProblem(404);
        api.complete(conflicted, task, Journey.scores("FUND")).expectProblem(404);
        assertThat(api.inboxItem(conflicted, id, TaskKeys.ASSESS_APPLICATION)).isNull();
        assertThat(Api.ids(api.get(conflicted, "/api/applications").body())).doesNotContain(id);

        JsonNode pooled = api.inboxItem(other, id, TaskKeys.ASSESS_APPLICATION);
        assertThat(pooled).as("the task is back in another assessor's inbox").isNotNull();
        assertThat(pooled.path("id").asText()).isEqualTo(task);
        assertThat(pooled.get("assignee").isNull()).as("unassigned").isTrue();
        api.completeFromInbox(other, id, TaskKeys.ASSESS_APPLICATION, Journey.scores("FUND"));
        assertThat(api.status(groupA, id)).isEqualTo("AWAITING_DECISION");
        api.application(conflicted, id).expectProblem(404);
    }

    // --- helpers ---

    /**
     * Group A's application at the given stage, in a fresh fund (one running grant per group per fund), with a
     * title no one else uses so a leak of it would show.
     */
    private long reach(Stage stage) {
        long id = api.create(groupA, Api.draft(data.fund(), uniqueTitle(), "3000.00"));
        if (stage == Stage.DRAFT) {
            return id;
        }
        api.submit(groupA, id).expect(200);
        if (stage == Stage.SUBMITTED) {
            return id;
        }
        journey.assessAll(id);
        journey.complete(data.manager(), id, TaskKeys.DECIDE_APPLICATION,
                Map.of("outcome", "AWARD", "amountAwarded", "3000.00"));
        journey.runJobs(id);
        if (stage == Stage.OFFERED) {
            return id;
        }
        journey.complete(groupA, id, TaskKeys.ACCEPT_OFFER, Map.of("accept", true));
        assertThat(api.status(groupA, id)).isEqualTo("FUNDED");
        return id;
    }

    private long awaitingDecision() {
        long id = reach(Stage.SUBMITTED);
        journey.assessAll(id);
        assertThat(api.status(groupA, id)).isEqualTo("AWAITING_DECISION");
        return id;
    }

    private static String uniqueTitle() {
        return "Secret project " + UUID.randomUUID();
    }
}
