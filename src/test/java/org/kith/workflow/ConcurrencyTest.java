package org.kith.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.flowable.engine.RuntimeService;
import org.flowable.task.api.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.kith.applications.ApplicationStatus;
import org.kith.funds.Fund;
import org.kith.identity.CurrentUser;
import org.kith.support.Journey;
import org.kith.support.KithTest;
import org.kith.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.RequestBuilder;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reliability faults: the same request arriving twice at the same moment (a double click, a retrying
 * client, two managers on one task) changes things once. Each race really commits, so this class is not
 * {@code @Transactional}; two threads wait on one start gate and then send their request through the API.
 */
@KithTest
class ConcurrencyTest {

    /** A race can fall either way: each task race is run a few times so that a lost one shows up. */
    private static final int RACES = 3;

    private static ExecutorService threads;

    @Autowired
    MockMvc mvc;
    @Autowired
    ObjectMapper json;
    @Autowired
    TestData data;
    @Autowired
    Journey journey;
    @Autowired
    RuntimeService runtime;
    @Autowired
    JdbcClient jdbc;

    @BeforeAll
    static void startThreads() {
        threads = Executors.newFixedThreadPool(2);
    }

    @AfterAll
    static void stopThreads() {
        threads.shutdownNow();
    }

    @RepeatedTest(value = RACES, name = RepeatedTest.LONG_DISPLAY_NAME)
    void twoManagersDecidingTheSameApplicationAtOnceMakeOneDecision() throws Exception {
        long id = journey.submitted(data.charityApplicant(), data.fund(), "3000").id();
        journey.assessAll(id);
        Task decide = journey.one(id, TaskKeys.DECIDE_APPLICATION);
        Map<String, Object> award = Map.of("outcome", "AWARD", "amountAwarded", new BigDecimal("3000"));

        List<Integer> answers = race(complete(data.manager(), decide, award), complete(data.manager(), decide, award));

        assertThat(answers).as("one completes, the other is told it was already done")
                .containsExactlyInAnyOrder(200, 409);
        assertThat(rows("decision", id)).isEqualTo(1);
        assertThat(rows("award", id)).isEqualTo(1);
        assertThat(journey.status(id)).isEqualTo(ApplicationStatus.OFFERED);
        assertThat(auditCount(id, "OFFER_MADE")).isEqualTo(1);
    }

    @RepeatedTest(value = RACES, name = RepeatedTest.LONG_DISPLAY_NAME)
    void oneAssessorSubmittingTheSameAssessmentTwiceAtOnceRecordsOneAssessment() throws Exception {
        long id = journey.submitted(data.charityApplicant(), data.fund(), "3000").id();
        CurrentUser assessor = data.assessor();
        Task assess = journey.one(id, TaskKeys.ASSESS_APPLICATION);
        Map<String, Object> scores = Journey.scores("FUND");

        List<Integer> answers = race(complete(assessor, assess, scores), complete(assessor, assess, scores));

        assertThat(answers).as("one records the assessment, the other is told it was already done")
                .containsExactlyInAnyOrder(200, 409);
        assertThat(rows("assessment", id)).isEqualTo(1);
        assertThat(journey.status(id)).isEqualTo(ApplicationStatus.AWAITING_DECISION);
        assertThat(journey.open(id, TaskKeys.DECIDE_APPLICATION)).hasSize(1);
    }

    @RepeatedTest(value = RACES, name = RepeatedTest.LONG_DISPLAY_NAME)
    void twoAssessorsFinishingTheTwoFullRouteAssessmentsAtOnceAreBothRecorded() throws Exception {
        long id = journey.submitted(data.charityApplicant(), data.fund(), "12000").id();
        List<Task> assessments = journey.open(id, TaskKeys.ASSESS_APPLICATION);
        assertThat(assessments).hasSize(2);
        Map<String, Object> scores = Journey.scores("FUND");

        List<Integer> answers = race(complete(data.assessor(), assessments.get(0), scores),
                complete(data.assessor(), assessments.get(1), scores));

        assertThat(answers).as("two different tasks: neither is in the other's way").containsExactly(200, 200);
        assertThat(rows("assessment", id)).isEqualTo(2);
        assertThat(journey.status(id)).as("both assessments counted, so the application moved on to a decision")
                .isEqualTo(ApplicationStatus.AWAITING_DECISION);
        assertThat(journey.open(id, TaskKeys.DECIDE_APPLICATION)).hasSize(1);
    }

    @Test
    void aSubmitSentTwiceAtOnceStartsOneProcessAndMovesTheStatusOnce() throws Exception {
        CurrentUser applicant = data.charityApplicant();
        long id = journey.draft(applicant, data.fund(), "3000");

        List<Integer> answers = race(submit(applicant, id), submit(applicant, id));

        assertThat(answers).as("the second submit waits for the first and answers with where it stands; "
                + "a database that gives up waiting says 409, never 500").contains(200).allMatch(this::handled);
        assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(Long.toString(id))
                .processDefinitionKey(ProcessKeys.GRANT_APPLICATION).count()).isEqualTo(1);
        assertThat(auditCount(id, "SUBMITTED")).isEqualTo(1);
        assertThat(auditCount(id, "ROUTED")).isEqualTo(1);
        assertThat(journey.status(id)).isEqualTo(ApplicationStatus.IN_ASSESSMENT);
        assertThat(journey.open(id, TaskKeys.ASSESS_APPLICATION)).hasSize(1);
    }

    @Test
    void aCreateSentTwiceAtOnceWithOneIdempotencyKeyMakesOneApplication() throws Exception {
        CurrentUser applicant = data.charityApplicant();
        Fund fund = data.fund();
        String key = "lunch-club-" + System.nanoTime();

        List<MockHttpServletResponse> responses = raceResponses(create(applicant, fund, key),
                create(applicant, fund, key));

        List<Long> applications = jdbc.sql("SELECT id FROM application WHERE organisation_id = :org")
                .param("org", applicant.organisationId()).query(Long.class).list();
        assertThat(applications).as("applications of this group").hasSize(1);
        assertThat(responses).extracting(MockHttpServletResponse::getStatus).contains(201).allMatch(this::handled);
        for (MockHttpServletResponse response : responses) {
            if (response.getStatus() == 201) {
                assertThat(json.readTree(response.getContentAsString()).get("id").asLong())
                        .as("every created answer names the one application").isEqualTo(applications.get(0));
            }
        }
    }

    @Test
    void aBurstOfVariationRequestsOnOneGrantMakesOneRequestAndOneReviewTask() throws Exception {
        CurrentUser applicant = data.charityApplicant();
        long grant = journey.funded(applicant, data.fund(), "3000");
        int burst = 6;
        ExecutorService many = Executors.newFixedThreadPool(burst);
        try {
            CountDownLatch ready = new CountDownLatch(burst);
            CountDownLatch gate = new CountDownLatch(1);
            List<Future<MockHttpServletResponse>> running = new ArrayList<>();
            for (int i = 0; i < burst; i++) {
                RequestBuilder request = post("/api/applications/{id}/variations", grant)
                        .with(httpBasic(applicant.username(), TestData.PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(json.writeValueAsString(Map.of("description", "Meet on Wednesdays, take " + i)));
                running.add(many.submit(() -> {
                    ready.countDown();
                    gate.await();
                    return mvc.perform(request).andReturn().getResponse();
                }));
            }
            assertThat(ready.await(10, TimeUnit.SECONDS)).as("every thread at the gate").isTrue();
            gate.countDown();
            List<Integer> answers = new ArrayList<>();
            for (Future<MockHttpServletResponse> response : running) {
                answers.add(response.get(60, TimeUnit.SECONDS).getStatus());
            }

            assertThat(answers).as("one is accepted, every other is told one is open")
                    .containsOnlyOnce(201).containsOnly(201, 409);
        } finally {
            many.shutdownNow();
        }
        assertThat(rows("variation", grant)).isEqualTo(1);
        assertThat(runtime.createProcessInstanceQuery().processDefinitionKey(ProcessKeys.GRANT_VARIATION)
                .processInstanceBusinessKey(Long.toString(grant)).count()).as("review processes").isEqualTo(1);
        assertThat(auditCount(grant, "VARIATION_REQUESTED")).isEqualTo(1);
    }

    private boolean handled(int status) {
        return status == 200 || status == 201 || status == 409;
    }

    private RequestBuilder complete(CurrentUser user, Task task, Map<String, Object> form) throws Exception {
        return post("/api/tasks/{id}/complete", task.getId())
                .with(httpBasic(user.username(), TestData.PASSWORD))
                .contentType(MediaType.APPLICATION_JSON)
                .content(json.writeValueAsString(form));
    }

    private RequestBuilder submit(CurrentUser applicant, long id) {
        return post("/api/applications/{id}/submit", id).with(httpBasic(applicant.username(), TestData.PASSWORD));
    }

    private RequestBuilder create(CurrentUser applicant, Fund fund, String idempotencyKey) throws Exception {
        return post("/api/applications")
                .with(httpBasic(applicant.username(), TestData.PASSWORD))
                .header("Idempotency-Key", idempotencyKey)
                .contentType(MediaType.APPLICATION_JSON)
                .content(json.writeValueAsString(Map.of("fundId", fund.id(), "title", "Weekly lunch club",
                        "summary", "A hot lunch and company every Tuesday", "amountRequested", 3000,
                        "answers", Journey.answers())));
    }

    private List<Integer> race(RequestBuilder first, RequestBuilder second) throws Exception {
        return raceResponses(first, second).stream().map(MockHttpServletResponse::getStatus).toList();
    }

    /** Both requests wait at one gate and go at once; their responses in the order given. */
    private List<MockHttpServletResponse> raceResponses(RequestBuilder first, RequestBuilder second)
            throws Exception {
        CountDownLatch ready = new CountDownLatch(2);
        CountDownLatch gate = new CountDownLatch(1);
        List<Future<MockHttpServletResponse>> running = new ArrayList<>();
        for (RequestBuilder request : List.of(first, second)) {
            Callable<MockHttpServletResponse> call = () -> {
                ready.countDown();
                gate.await();
                return mvc.perform(request).andReturn().getResponse();
            };
            running.add(threads.submit(call));
        }
        assertThat(ready.await(10, TimeUnit.SECONDS)).as("both threads at the gate").isTrue();
        gate.countDown();
        List<MockHttpServletResponse> responses = new ArrayList<>();
        for (Future<MockHttpServletResponse> response : running) {
            responses.add(response.get(60, TimeUnit.SECONDS));
        }
        return responses;
    }

    private int rows(String table, long applicationId) {
        return jdbc.sql("SELECT COUNT(*) FROM " + table + " WHERE application_id = :id")
                .param("id", applicationId).query(Integer.class).single();
    }

    private int auditCount(long applicationId, String action) {
        return jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE application_id = :id AND action = :action")
                .param("id", applicationId).param("action", action).query(Integer.class).single();
    }
}
