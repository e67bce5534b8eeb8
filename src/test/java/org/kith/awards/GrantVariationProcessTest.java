package org.kith.awards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.flowable.engine.HistoryService;
import org.flowable.engine.TaskService;
import org.flowable.task.api.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kith.applications.Application;
import org.kith.applications.ApplicationStatus;
import org.kith.applications.Route;
import org.kith.audit.AuditEvent;
import org.kith.audit.AuditLog;
import org.kith.funds.Fund;
import org.kith.identity.CurrentUser;
import org.kith.support.FundTweaks;
import org.kith.support.Journey;
import org.kith.support.KithTest;
import org.kith.support.TestData;
import org.kith.workflow.ProcessKeys;
import org.kith.workflow.TaskKeys;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * processes/grant-variation.bpmn20.xml, every path: a group asks to change its running grant
 * (POST /api/applications/{id}/variations), a fund manager reviews it (reviewVariation), and it ends
 * approved (with or without a new amount) or refused with a reason. Plus the requests the API turns away.
 */
@KithTest
class GrantVariationProcessTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    ObjectMapper json;
    @Autowired
    TestData data;
    @Autowired
    Journey journey;
    @Autowired
    TaskService tasks;
    @Autowired
    HistoryService history;
    @Autowired
    AwardRecords awards;
    @Autowired
    Variations variations;
    @Autowired
    AuditLog audit;
    @Autowired
    JdbcClient jdbc;

    CurrentUser applicant;
    CurrentUser manager;
    Fund fund;

    @BeforeEach
    void freshGroupAndFund() {
        applicant = data.charityApplicant();
        manager = data.manager();
        fund = data.fund();
    }

    @Test
    void aRequestOnAFundedGrantIsRecordedAndGoesToFundManagersForReview() throws Exception {
        long grant = journey.funded(applicant, fund, "12000");

        requestVariation(applicant, grant, "Run the club for two more months", "15000")
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.status").value("REQUESTED"))
                .andExpect(jsonPath("$.applicationId").value(grant))
                .andExpect(jsonPath("$.newAmount").value(15000.0))
                .andExpect(jsonPath("$.requestedBy").value(applicant.username()));

        Task review = reviewTask(grant);
        assertThat(tasks.getIdentityLinksForTask(review.getId()))
                .anySatisfy(link -> assertThat(link.getGroupId()).isEqualTo(CurrentUser.FUND_MANAGERS));
        assertThat(review.getAssignee()).isNull();
        assertThat(actions(grant)).contains("VARIATION_REQUESTED");
        assertThat(event(grant, "VARIATION_REQUESTED").actor()).isEqualTo(applicant.username());
    }

    @Test
    void approvingANewAmountOnAFullRouteGrantChangesTheAwardAndTheLastUnpaidTranche() throws Exception {
        long grant = journey.funded(applicant, fund, "12000");
        assertThat(journey.application(grant).route()).isEqualTo(Route.FULL);
        assertThat(trancheAmounts(grant)).containsExactly(money("6000"), money("6000"));
        long variationId = requested(grant, "15000");
        Task review = reviewTask(grant);

        complete(review, Map.of("approve", true, "reason", "A good use of the extra months."))
                .andExpect(status().isOk());

        Variations.Variation approved = variations.find(variationId).orElseThrow();
        assertThat(approved.status()).isEqualTo("APPROVED");
        assertThat(approved.decidedBy()).isEqualTo(manager.username());
        assertThat(approved.reason()).isEqualTo("A good use of the extra months.");
        assertThat(awards.award(grant).orElseThrow().amount()).isEqualTo(money("15000"));
        assertThat(journey.application(grant).amountAwarded()).isEqualTo(money("15000"));
        assertThat(trancheAmounts(grant)).as("the first tranche as it was, the last one 3000 more")
                .containsExactly(money("6000"), money("9000"));
        assertThat(endedAt(review)).isEqualTo("variationApproved");
        assertThat(event(grant, "VARIATION_APPROVED").actor()).isEqualTo(manager.username());
        assertThat(jdbc.sql("""
                SELECT body FROM notification WHERE application_id = :id AND kind = 'VARIATION_APPROVED'""")
                .param("id", grant).query(String.class).list())
                .as("one message per member").hasSize(1).first().asString()
                .contains("has agreed", "A good use of the extra months.");
    }

    @Test
    void approvingAChangeWithNoNewAmountChangesNothingAboutTheMoney() throws Exception {
        long grant = journey.funded(applicant, fund, "12000");
        long variationId = requested(grant, null);
        Task review = reviewTask(grant);

        complete(review, Map.of("approve", true)).andExpect(status().isOk());

        assertThat(variations.find(variationId).orElseThrow().status()).isEqualTo("APPROVED");
        assertMoneyUnchanged(grant, "12000");
        assertThat(endedAt(review)).isEqualTo("variationApproved");
        assertThat(actions(grant)).contains("VARIATION_APPROVED").doesNotContain("VARIATION_REFUSED");
    }

    @Test
    void refusingWithoutAReasonIsRefusedAndTheReviewStaysOpen() throws Exception {
        long grant = journey.funded(applicant, fund, "12000");
        long variationId = requested(grant, "15000");
        Task review = reviewTask(grant);

        complete(review, Map.of("approve", false))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("reason"));
        complete(review, Map.of("approve", false, "reason", "   ")).andExpect(status().isBadRequest());

        assertThat(reviewTask(grant).getId()).isEqualTo(review.getId());
        assertThat(variations.find(variationId).orElseThrow().status()).isEqualTo("REQUESTED");
        assertThat(actions(grant)).doesNotContain("VARIATION_REFUSED", "VARIATION_APPROVED");
    }

    @Test
    void refusingWithAReasonRecordsItAndLeavesTheMoneyAlone() throws Exception {
        long grant = journey.funded(applicant, fund, "12000");
        long variationId = requested(grant, "15000");
        Task review = reviewTask(grant);

        complete(review, Map.of("approve", false, "reason", "The fund is fully committed this year."))
                .andExpect(status().isOk());

        Variations.Variation refused = variations.find(variationId).orElseThrow();
        assertThat(refused.status()).isEqualTo("REFUSED");
        assertThat(refused.reason()).isEqualTo("The fund is fully committed this year.");
        assertThat(refused.decidedBy()).isEqualTo(manager.username());
        assertMoneyUnchanged(grant, "12000");
        assertThat(endedAt(review)).isEqualTo("variationRefused");
        assertThat(event(grant, "VARIATION_REFUSED").detail()).isEqualTo("The fund is fully committed this year.");
    }

    @Test
    void aRequestStillUnderReviewWhenTheGrantClosesIsCancelledAndNoReviewIsLeftOpen() throws Exception {
        long grant = journey.funded(applicant, fund, "12000");
        long variationId = requested(grant, null);
        Task review = reviewTask(grant);

        payEveryTranche(grant);
        journey.complete(applicant, grant, TaskKeys.SUBMIT_REPORT, Map.of("whatWeDid", "Forty lunches",
                "differenceItMade", "People made friends", "whatWeLearned", "Tuesdays suit best",
                "peopleReached", 37, "amountSpent", new BigDecimal("11800.00")));
        journey.complete(manager, grant, TaskKeys.REVIEW_REPORT, Map.of("outcome", "ACCEPT"));

        assertThat(journey.status(grant)).isEqualTo(ApplicationStatus.CLOSED);
        Variations.Variation cancelled = variations.find(variationId).orElseThrow();
        assertThat(cancelled.status()).isEqualTo("CANCELLED");
        assertThat(cancelled.reason()).isEqualTo("The grant closed before this change was reviewed.");
        assertThat(endedAt(review)).isEqualTo("variationCancelled");
        assertThat(tasks.createTaskQuery().processInstanceBusinessKey(Long.toString(grant)).count()).isZero();
        assertThat(actions(grant)).contains("VARIATION_CANCELLED").doesNotContain("VARIATION_APPROVED");
        assertMoneyUnchanged(grant, "12000");
    }

    @Test
    void aSecondRequestWhileOneIsUnderReviewIs409NamingTheOpenOne_andOnceDecidedAnotherMayBeAsked() throws Exception {
        long grant = journey.funded(applicant, fund, "12000");
        long first = requested(grant, null);

        requestVariation(applicant, grant, "And meet on Fridays too", "13000")
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.openVariationId").value(first))
                .andExpect(jsonPath("$.openVariationRequestedAt").isNotEmpty())
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("still being reviewed")));
        assertThat(variations.forApplication(grant)).hasSize(1);
        assertThat(tasks.createTaskQuery().processDefinitionKey(ProcessKeys.GRANT_VARIATION)
                .processInstanceBusinessKey(Long.toString(grant)).count()).isEqualTo(1);

        complete(reviewTask(grant), Map.of("approve", true)).andExpect(status().isOk());
        requestVariation(applicant, grant, "And meet on Fridays too", null).andExpect(status().isCreated());
        assertThat(variations.forApplication(grant)).extracting(Variations.Variation::status)
                .containsExactly("APPROVED", "REQUESTED");
    }

    @Test
    void onlyARunningGrantCanBeVaried() throws Exception {
        long inAssessment = journey.submitted(applicant, fund, "3000").id();
        long draft = journey.draft(applicant, fund, "3000");

        requestVariation(applicant, inAssessment, "Start a month later", null).andExpect(status().isConflict());
        requestVariation(applicant, draft, "Start a month later", null).andExpect(status().isConflict());
        assertThat(variations.forApplication(inAssessment)).isEmpty();
        assertThat(variations.forApplication(draft)).isEmpty();
        assertThat(tasks.createTaskQuery().processDefinitionKey(ProcessKeys.GRANT_VARIATION)
                .processInstanceBusinessKey(Long.toString(inAssessment)).count()).isZero();
    }

    @Test
    void aNewAmountIsRefusedOnceEveryPaymentHasBeenMade() throws Exception {
        long grant = journey.funded(applicant, fund, "3000");
        assertThat(journey.application(grant).route()).isEqualTo(Route.LIGHT_TOUCH);
        payEveryTranche(grant);

        requestVariation(applicant, grant, "A bigger hall", "4000")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("newAmount"));
        assertThat(variations.forApplication(grant)).isEmpty();

        requestVariation(applicant, grant, "Meet on Wednesdays instead", null).andExpect(status().isCreated());
    }

    @Test
    void aNewAmountThatNoLongerFitsWhenTheManagerApprovesIsTurnedBackAndCanStillBeRefused() throws Exception {
        long grant = journey.funded(applicant, fund, "12000");
        long variationId = requested(grant, "15000");
        Task review = reviewTask(grant);
        payEveryTranche(grant);

        complete(review, Map.of("approve", true)).andExpect(status().isConflict());
        assertThat(reviewTask(grant).getId()).isEqualTo(review.getId());
        assertThat(variations.find(variationId).orElseThrow().status()).isEqualTo("REQUESTED");

        complete(review, Map.of("approve", false, "reason", "Every payment has been made.")).andExpect(status().isOk());
        assertThat(endedAt(review)).isEqualTo("variationRefused");
        assertThat(awards.award(grant).orElseThrow().amount()).isEqualTo(money("12000"));
    }

    @Test
    void aNewAmountBeyondWhatTheFundHasLeftIsRefused() throws Exception {
        long grant = journey.funded(applicant, data.fund(f -> FundTweaks.withBudget(f, "13000")), "12000");

        requestVariation(applicant, grant, "A minibus", "14000")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("newAmount"))
                .andExpect(jsonPath("$.errors[0].message").value(org.hamcrest.Matchers.containsString("left")));
        assertThat(variations.forApplication(grant)).isEmpty();
    }

    @Test
    void aNewAmountAboveTheFundsLargestAwardIsRefused() throws Exception {
        long grant = journey.funded(applicant, fund, "12000");

        requestVariation(applicant, grant, "A minibus", "20000.01")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].message").value(org.hamcrest.Matchers.containsString("largest award")));
        assertThat(variations.forApplication(grant)).isEmpty();
    }

    @Test
    void aGroupCannotAskToVaryAnotherGroupsGrantNorLearnThatItExists() throws Exception {
        long grant = journey.funded(applicant, fund, "12000");
        CurrentUser otherGroup = data.unregisteredApplicant();

        requestVariation(otherGroup, grant, "Give us the money instead", "20000").andExpect(status().isNotFound());
        requestVariation(otherGroup, Long.MAX_VALUE, "Nothing here", null).andExpect(status().isNotFound());

        assertThat(variations.forApplication(grant)).isEmpty();
        assertThat(actions(grant)).doesNotContain("VARIATION_REQUESTED");
    }

    private ResultActions requestVariation(CurrentUser who, long applicationId, String description,
            String newAmount) throws Exception {
        Map<String, Object> body = new HashMap<>();
        body.put("description", description);
        if (newAmount != null) {
            body.put("newAmount", new BigDecimal(newAmount));
        }
        return mvc.perform(post("/api/applications/{id}/variations", applicationId)
                .with(httpBasic(who.username(), TestData.PASSWORD))
                .contentType(MediaType.APPLICATION_JSON)
                .content(json.writeValueAsString(body)));
    }

    /** A variation the applicant asked for, accepted by the API; its id. */
    private long requested(long applicationId, String newAmount) throws Exception {
        String body = requestVariation(applicant, applicationId, "Run the club over the summer too", newAmount)
                .andExpect(status().isCreated())
                .andReturn().getResponse().getContentAsString();
        return json.readTree(body).get("id").asLong();
    }

    private void payEveryTranche(long applicationId) {
        while (!journey.open(applicationId, TaskKeys.RECORD_PAYMENT).isEmpty()) {
            journey.complete(manager, applicationId, TaskKeys.RECORD_PAYMENT, Map.of("paid", true));
        }
        assertThat(awards.payments(applicationId)).allMatch(p -> p.paidAt() != null);
    }

    private Task reviewTask(long applicationId) {
        List<Task> open = tasks.createTaskQuery()
                .processDefinitionKey(ProcessKeys.GRANT_VARIATION)
                .processInstanceBusinessKey(Long.toString(applicationId))
                .taskDefinitionKey(TaskKeys.REVIEW_VARIATION)
                .taskCandidateGroup(CurrentUser.FUND_MANAGERS)
                .list();
        assertThat(open).as("open reviewVariation tasks").hasSize(1);
        return open.get(0);
    }

    private ResultActions complete(Task task, Map<String, Object> form) throws Exception {
        return mvc.perform(post("/api/tasks/{id}/complete", task.getId())
                .with(httpBasic(manager.username(), TestData.PASSWORD))
                .contentType(MediaType.APPLICATION_JSON)
                .content(json.writeValueAsString(form)));
    }

    /** The end event the variation's process instance finished at. */
    private String endedAt(Task review) {
        var instance = history.createHistoricProcessInstanceQuery()
                .processInstanceId(review.getProcessInstanceId()).finished().singleResult();
        assertThat(instance).as("the variation process has ended").isNotNull();
        return instance.getEndActivityId();
    }

    private void assertMoneyUnchanged(long grant, String awarded) {
        Application application = journey.application(grant);
        assertThat(application.amountAwarded()).isEqualTo(money(awarded));
        assertThat(awards.award(grant).orElseThrow().amount()).isEqualTo(money(awarded));
        BigDecimal half = money(awarded).divide(BigDecimal.valueOf(2));
        assertThat(trancheAmounts(grant)).containsExactly(half, half);
    }

    private List<BigDecimal> trancheAmounts(long applicationId) {
        return awards.payments(applicationId).stream().map(AwardRecords.Payment::amount).toList();
    }

    private List<String> actions(long applicationId) {
        return audit.forApplication(applicationId).stream().map(AuditEvent::action).toList();
    }

    private AuditEvent event(long applicationId, String action) {
        List<AuditEvent> found = audit.forApplication(applicationId).stream()
                .filter(e -> e.action().equals(action)).toList();
        assertThat(found).as("%s events", action).hasSize(1);
        return found.get(0);
    }

    private static BigDecimal money(String amount) {
        return new BigDecimal(amount).setScale(2);
    }
}
