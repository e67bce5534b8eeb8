package org.kith.assessment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kith.support.StaffRequests.as;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.flowable.engine.TaskService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kith.funds.Fund;
import org.kith.identity.CurrentUser;
import org.kith.identity.Role;
import org.kith.support.Journey;
import org.kith.support.KithTest;
import org.kith.support.TestData;
import org.kith.workflow.TaskKeys;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The assessor's pages: the conflict of interest question before the application opens, then the score page with
 * its draft; a task someone else holds or has done is the "already handled" page; only assessors get in.
 */
@KithTest
class AssessPagesTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    Journey journey;
    @Autowired
    TestData data;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TaskService engineTasks;

    Fund fund;
    long applicationId;
    String reference;
    String taskId;
    CurrentUser assessor;

    @BeforeEach
    void anApplicationInThePool() {
        fund = data.fund();
        applicationId = journey.submitted(data.charityApplicant(), fund, "3000").id();
        reference = journey.application(applicationId).reference();
        taskId = journey.one(applicationId, TaskKeys.ASSESS_APPLICATION).getId();
        assessor = data.assessor();
    }

    @Test
    void theConflictQuestionComesFirstAndShowsOnlyWhoAndWhat() throws Exception {
        String page = html(get(assess()).with(as(assessor)), 200);
        assertThat(page).contains("Do you have a conflict of interest with this group or project?", reference,
                fund.name(), "Weekly lunch club", journey.application(applicationId).reference())
                .doesNotContain("Older people living alone in Leith", "Submit assessment");

        String empty = html(post(assess() + "/conflict").with(as(assessor)).with(csrf()), 200);
        assertThat(empty).contains("<title>Error: ", "href=\"#conflict\"",
                "Select yes if you have a conflict of interest");
    }

    @Test
    void declaringAConflictRecordsItGivesTheTaskBackAndHidesTheApplicationForGood() throws Exception {
        MvcResult declared = mvc.perform(post(assess() + "/conflict").with(as(assessor)).with(csrf())
                        .param("conflict", "yes").param("note", "My sister chairs this group."))
                .andExpect(status().isFound()).andExpect(redirectedUrl("/staff/tasks")).andReturn();
        assertThat((String) declared.getFlashMap().get("successBanner")).contains("conflict of interest", reference);

        assertThat(jdbc.sql("SELECT comment FROM assessment WHERE application_id = :id AND assessor = :me "
                        + "AND conflict_of_interest").param("id", applicationId).param("me", assessor.username())
                .query(String.class).single()).isEqualTo("My sister chairs this group.");
        assertThat(journey.one(applicationId, TaskKeys.ASSESS_APPLICATION).getAssignee()).isNull();
        assertThat(audited("CONFLICT_OF_INTEREST_DECLARED")).isEqualTo(1);

        mvc.perform(get(assess()).with(as(assessor))).andExpect(status().isNotFound());
        mvc.perform(get("/staff/tasks/" + taskId).with(as(assessor))).andExpect(status().isNotFound());
        assertThat(html(get("/staff/tasks?fund=" + fund.id()).with(as(assessor)), 200)).doesNotContain(reference);
        assertThat(html(get("/staff/tasks?fund=" + fund.id()).with(as(data.assessor())), 200)).contains(reference);
    }

    @Test
    void noConflictTakesTheTaskAndOpensTheScorePageWhoseDraftComesBack() throws Exception {
        mvc.perform(post(assess() + "/conflict").with(as(assessor)).with(csrf()).param("conflict", "no"))
                .andExpect(redirectedUrl(assess()));
        assertThat(journey.one(applicationId, TaskKeys.ASSESS_APPLICATION).getAssignee())
                .isEqualTo(assessor.username());

        String page = html(get(assess()).with(as(assessor)), 200);
        assertThat(page).contains("Assess " + reference, "Older people living alone in Leith", "Submit assessment",
                "Save draft", "name=\"score-need\"", "name=\"recommendation\"");
        fund.criteria().forEach(c -> assertThat(page).contains(c.label(), "weight " + c.weight(),
                "out of " + c.maxScore()));

        mvc.perform(post(assess()).with(as(assessor)).with(csrf()).param("action", "save")
                        .param("score-need", "4").param("comment", "Half way <there>"))
                .andExpect(redirectedUrl(assess()));
        String again = html(get(assess()).with(as(assessor)), 200);
        assertThat(again).contains("Half way &lt;there&gt;", "Draft saved")
                .containsPattern("value=\"4\"\\s+checked=\"checked\"");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM assessment WHERE application_id = :id").param("id", applicationId)
                .query(Long.class).single()).as("a draft records no assessment").isZero();

        String other = html(get(assess()).with(as(data.assessor())), 409);
        assertThat(other).contains("This task has already been handled").doesNotContain("Half way");
    }

    @Test
    void aSubmitWithErrorsKeepsWhatWasTypedAndASecondSubmitIsAlreadyHandled() throws Exception {
        mvc.perform(post(assess() + "/conflict").with(as(assessor)).with(csrf()).param("conflict", "no"));
        String errors = html(scores(assessor, "submit").param("score-need", "").param("recommendation", ""), 200);
        assertThat(errors).contains("<title>Error: ", "href=\"#score-need\"", "Choose a recommendation",
                "Clear need, typed <kept>".replace("<", "&lt;").replace(">", "&gt;"));
        assertThat(errors.indexOf("href=\"#score-need\"")).isLessThan(errors.indexOf("href=\"#recommendation\""));

        mvc.perform(scores(assessor, "submit").param("score-need", "4").param("recommendation", "FUND"))
                .andExpect(redirectedUrl("/staff/tasks"));
        assertThat(audited("ASSESSMENT_RECORDED")).isEqualTo(1);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM assessment_draft WHERE task_id = :t").param("t", taskId)
                .query(Long.class).single()).isZero();

        assertThat(html(scores(assessor, "submit").param("score-need", "4").param("recommendation", "FUND"), 409))
                .contains("This task has already been handled");
        CurrentUser second = data.assessor();
        assertThat(html(get(assess()).with(as(second)), 409)).contains("This task has already been handled");
        assertThat(html(scores(second, "submit").param("score-need", "4").param("recommendation", "FUND"), 409))
                .contains("This task has already been handled");
        assertThat(html(get("/staff/tasks/" + taskId).with(as(second)), 409))
                .contains("This task has already been handled");
    }

    @Test
    void twoAssessorsRacingForOneTaskOneWinsAndTheOtherIsTold() throws Exception {
        CurrentUser other = data.assessor();
        CompletableFuture<MvcResult> a = CompletableFuture.supplyAsync(() -> no(assessor));
        CompletableFuture<MvcResult> b = CompletableFuture.supplyAsync(() -> no(other));
        List<Integer> statuses = List.of(a.join().getResponse().getStatus(), b.join().getResponse().getStatus());
        assertThat(statuses).containsExactlyInAnyOrder(302, 409);
        MvcResult lost = a.join().getResponse().getStatus() == 409 ? a.join() : b.join();
        assertThat(lost.getResponse().getContentAsString()).contains("This task has already been handled");
    }

    @Test
    void onlyAssessorsOpenAnAssessmentAndOnlyAssessorsAndFundManagersTheInbox() throws Exception {
        mvc.perform(get(assess()).with(as(data.charityApplicant()))).andExpect(status().isNotFound());
        mvc.perform(get(assess()).with(as(data.manager()))).andExpect(status().isForbidden());
        mvc.perform(get(assess()).with(as(data.person("funder-" + System.nanoTime(), null, Role.FUNDER))))
                .andExpect(status().is4xxClientError());
        mvc.perform(get(assess()).with(as(data.person("admin-" + System.nanoTime(), null, Role.ADMIN))))
                .andExpect(status().isForbidden());
        mvc.perform(post(assess() + "/conflict").with(as(data.manager())).with(csrf()).param("conflict", "no"))
                .andExpect(status().isForbidden());
        mvc.perform(post(assess()).with(as(data.manager())).with(csrf()).param("score-need", "4"))
                .andExpect(status().isForbidden());
        assertThat(mvc.perform(get(assess())).andReturn().getResponse().getStatus()).as("signed out").isIn(302, 401);

        mvc.perform(get("/staff/tasks").with(as(assessor))).andExpect(status().isOk());
        mvc.perform(get("/staff/tasks").with(as(data.manager()))).andExpect(status().isOk());
        mvc.perform(get("/staff/tasks").with(as(data.charityApplicant()))).andExpect(status().isForbidden());
        mvc.perform(get("/staff/tasks").with(as(data.person("funder-" + System.nanoTime(), null, Role.FUNDER))))
                .andExpect(status().isForbidden());
        mvc.perform(get("/staff/tasks").with(as(data.person("admin-" + System.nanoTime(), null, Role.ADMIN))))
                .andExpect(status().isForbidden());
        mvc.perform(post("/staff/tasks/" + taskId + "/claim").with(as(data.manager())).with(csrf()))
                .andExpect(status().isForbidden());
        assertThat(journey.one(applicationId, TaskKeys.ASSESS_APPLICATION).getAssignee()).isNull();
    }

    private MvcResult no(CurrentUser who) {
        try {
            return mvc.perform(post(assess() + "/conflict").with(as(who)).with(csrf()).param("conflict", "no"))
                    .andReturn();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private MockHttpServletRequestBuilder scores(CurrentUser who, String action) {
        MockHttpServletRequestBuilder request = post(assess()).with(as(who)).with(csrf()).param("action", action)
                .param("comment", "Clear need, typed <kept>");
        for (Fund.Criterion c : fund.criteria()) {
            if (!c.key().equals("need")) {
                request = request.param("score-" + c.key(), "3");
            }
        }
        return request;
    }

    private String assess() {
        return "/staff/tasks/" + taskId + "/assess";
    }

    private int audited(String action) {
        return jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE application_id = :id AND action = :action")
                .param("id", applicationId).param("action", action).query(Integer.class).single();
    }

    private String html(MockHttpServletRequestBuilder request, int expected) throws Exception {
        MvcResult result = mvc.perform(request).andReturn();
        assertThat(result.getResponse().getStatus()).as(result.getResponse().getContentAsString())
                .isEqualTo(expected);
        return result.getResponse().getContentAsString();
    }
}
