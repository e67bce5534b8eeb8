package org.kith.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.kith.support.StaffRequests.as;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

import org.flowable.common.engine.api.delegate.event.FlowableEngineEntityEvent;
import org.flowable.common.engine.api.delegate.event.FlowableEngineEventType;
import org.flowable.common.engine.api.delegate.event.FlowableEventListener;
import org.flowable.engine.RuntimeService;
import org.flowable.engine.TaskService;
import org.flowable.engine.delegate.event.AbstractFlowableEngineEventListener;
import org.junit.jupiter.api.Test;
import org.kith.applications.Application;
import org.kith.applications.ApplicationService;
import org.kith.funds.Fund;
import org.kith.identity.CurrentUser;
import org.kith.support.Journey;
import org.kith.support.KithTest;
import org.kith.support.TestData;
import org.kith.web.ConflictException;
import org.kith.web.ForbiddenException;
import org.kith.web.NotFoundException;
import org.kith.web.Paging;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The inbox reads the task-list read model, which follows the engine in the engine's own transaction: created,
 * claimed, given back, completed, cancelled, and nothing when the transaction rolls back.
 */
@KithTest
class TaskInboxTest {

    @Autowired
    Journey journey;
    @Autowired
    TestData data;
    @Autowired
    WorkflowTasks tasks;
    @Autowired
    TaskService engineTasks;
    @Autowired
    RuntimeService runtime;
    @Autowired
    ApplicationService applications;
    @Autowired
    TaskItems items;
    @Autowired
    TaskReadModelBackfill backfill;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    MockMvc mvc;

    @Test
    void theReadModelFollowsTheEngineThroughAWholeLifecycle() {
        Fund fund = data.fund();
        CurrentUser applicant = data.charityApplicant();
        Application app = journey.submitted(applicant, fund, "3000");
        String assessTask = journey.one(app.id(), TaskKeys.ASSESS_APPLICATION).getId();

        InboxItem row = items.find(assessTask).orElseThrow();
        assertThat(row.taskKey()).isEqualTo(TaskKeys.ASSESS_APPLICATION);
        assertThat(row.applicationId()).isEqualTo(app.id());
        assertThat(row.fundId()).isEqualTo(fund.id());
        assertThat(row.reference()).isEqualTo(app.reference());
        assertThat(row.amountRequested()).isEqualByComparingTo("3000");
        assertThat(row.route()).isEqualTo("LIGHT_TOUCH");
        assertThat(row.groupName()).isNotBlank();
        assertThat(row.received()).isNotNull();
        assertThat(row.assignee()).isNull();
        assertThat(row.due()).as("submitted + the fund's decisionWeeks")
                .isEqualTo(journey.application(app.id()).submittedAt().plusWeeks(fund.timeLimits().decisionWeeks()));
        assertThat(groups(assessTask)).containsExactly(CurrentUser.ASSESSORS);

        CurrentUser assessor = data.assessor();
        tasks.claim(assessor, assessTask);
        assertThat(items.find(assessTask).orElseThrow().assignee()).isEqualTo(assessor.username());
        tasks.release(assessor, assessTask);
        assertThat(items.find(assessTask).orElseThrow().assignee()).isNull();
        engineTasks.claim(assessTask, assessor.username());
        List<String> assigned = new java.util.ArrayList<>();
        FlowableEventListener spy = new AbstractFlowableEngineEventListener() {
            @Override
            protected void taskAssigned(FlowableEngineEntityEvent event) {
                assigned.add(String.valueOf(((org.flowable.task.api.Task) event.getEntity()).getAssignee()));
            }
        };
        runtime.addEventListener(spy, FlowableEngineEventType.TASK_ASSIGNED);
        try {
            engineTasks.unclaim(assessTask);
        } finally {
            runtime.removeEventListener(spy);
        }
        assertThat(assigned).as("Flowable tells an unclaim as TASK_ASSIGNED with no assignee").containsExactly("null");
        assertThat(items.find(assessTask).orElseThrow().assignee()).as("unclaimed by the engine").isNull();
        engineTasks.setAssignee(assessTask, assessor.username());
        engineTasks.setAssignee(assessTask, null);
        assertThat(items.find(assessTask).orElseThrow().assignee()).as("setAssignee(null)").isNull();

        tasks.complete(assessor, assessTask, Journey.scores("FUND"));
        assertThat(items.find(assessTask)).as("completed").isEmpty();
        String decideTask = journey.one(app.id(), TaskKeys.DECIDE_APPLICATION).getId();
        assertThat(groups(decideTask)).containsExactly(CurrentUser.FUND_MANAGERS);

        applications.withdraw(applicant, app.id());
        assertThat(items.find(decideTask)).as("the process was cancelled").isEmpty();
        assertThat(rows(app.id())).isZero();
    }

    @Test
    void aRolledBackEngineTransactionLeavesNoRowAndNoChange() {
        Fund fund = data.fund();
        CurrentUser applicant = data.charityApplicant();
        long[] id = new long[1];
        transactions.executeWithoutResult(tx -> {
            id[0] = journey.submitted(applicant, fund, "3000").id();
            assertThat(rows(id[0])).as("written in the same transaction").isEqualTo(1);
            tx.setRollbackOnly();
        });
        assertThat(rows(id[0])).isZero();

        long kept = journey.submitted(applicant, fund, "3000").id();
        String taskId = journey.one(kept, TaskKeys.ASSESS_APPLICATION).getId();
        CurrentUser assessor = data.assessor();
        transactions.executeWithoutResult(tx -> {
            tasks.claim(assessor, taskId);
            tx.setRollbackOnly();
        });
        assertThat(items.find(taskId).orElseThrow().assignee()).isNull();
    }

    @Test
    void filtersSortsAndCountsWithinTheAssessorsPool() {
        Fund fund = data.fund();
        Fund other = data.fund();
        long small = journey.submitted(data.charityApplicant(), fund, "1000").id();
        long large = journey.submitted(data.charityApplicant(), fund, "4000").id();
        long elsewhere = journey.submitted(data.charityApplicant(), other, "2000").id();
        CurrentUser assessor = data.assessor();
        InboxQuery inFund = new InboxQuery(null, fund.id(), null, null, null);

        assertThat(ids(tasks.inbox(assessor, page(), inFund))).containsExactly(small, large);
        assertThat(ids(tasks.inbox(assessor, page(), new InboxQuery(null, fund.id(), null, null,
                InboxQuery.Sort.AMOUNT)))).containsExactly(large, small);
        assertThat(ids(tasks.inbox(assessor, page(), new InboxQuery(null, fund.id(), "FULL", null, null))))
                .isEmpty();

        jdbc.sql("UPDATE task_item SET due_at = :due, due_sort = :due WHERE application_id = :id")
                .param("due", LocalDateTime.now().minusDays(1)).param("id", large).update();
        jdbc.sql("UPDATE task_item SET due_at = :due, due_sort = :due WHERE application_id = :id")
                .param("due", LocalDateTime.now().plusDays(3)).param("id", small).update();
        assertThat(ids(tasks.inbox(assessor, page(), new InboxQuery(null, fund.id(), null, InboxQuery.Due.OVERDUE,
                null)))).containsExactly(large);
        assertThat(ids(tasks.inbox(assessor, page(), new InboxQuery(null, fund.id(), null, InboxQuery.Due.SOON,
                null)))).containsExactly(small);
        assertThat(ids(tasks.inbox(assessor, page(), new InboxQuery(null, fund.id(), null, null,
                InboxQuery.Sort.DUE)))).containsExactly(large, small);

        Map<Long, Long> counts = tasks.inboxCountsByFund(assessor, null);
        assertThat(counts).containsEntry(fund.id(), 2L).containsEntry(other.id(), 1L);
        assertThat(ids(tasks.inbox(assessor, page(), new InboxQuery(null, other.id(), null, null, null))))
                .containsExactly(elsewhere);

        WorkflowTasks.InboxItems first = tasks.inbox(assessor, new Paging(0, 1), inFund);
        assertThat(first.more()).isTrue();
        assertThat(ids(tasks.inbox(assessor, new Paging(1, 1), inFund))).containsExactly(large);
        assertThat(tasks.inbox(assessor, new Paging(1, 1), inFund).more()).isFalse();
    }

    @Test
    void claimAndGiveBackMoveATaskBetweenMyTasksAndThePoolAndOnlyTheHolderMayGiveItBack() {
        Fund fund = data.fund();
        long id = journey.submitted(data.charityApplicant(), fund, "3000").id();
        String taskId = journey.one(id, TaskKeys.ASSESS_APPLICATION).getId();
        CurrentUser me = data.assessor();
        CurrentUser colleague = data.assessor();
        InboxQuery inFund = new InboxQuery(null, fund.id(), null, null, null);

        tasks.claim(me, taskId);
        assertThat(tasks.inbox(me, page(), inFund).items()).singleElement()
                .extracting(InboxItem::assignee).isEqualTo(me.username());
        assertThat(tasks.inbox(colleague, page(), inFund).items()).as("no longer in the pool").isEmpty();
        assertThatThrownBy(() -> tasks.release(colleague, taskId)).as("not theirs, nor their application now")
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> tasks.show(colleague, taskId)).as("claimed by another: no details")
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> tasks.open(colleague, taskId)).as("the page says someone has it")
                .isInstanceOf(ConflictException.class);

        tasks.release(me, taskId);
        assertThat(tasks.inbox(colleague, page(), inFund).items()).singleElement()
                .extracting(InboxItem::assignee).isNull();
    }

    @Test
    void anAssessorDoesNotSeeInThePoolWhatTheyScoredOrStepAsideFrom() {
        Fund fund = data.fund(f -> f);
        // a full-route application has two assessments
        long full = journey.submitted(data.charityApplicant(), fund, "12000").id();
        long conflicted = journey.submitted(data.charityApplicant(), fund, "3000").id();
        CurrentUser assessor = data.assessor();
        InboxQuery inFund = new InboxQuery(null, fund.id(), null, null, null);
        assertThat(ids(tasks.inbox(assessor, page(), inFund))).containsExactly(full, full, conflicted);

        String first = journey.open(full, TaskKeys.ASSESS_APPLICATION).get(0).getId();
        tasks.claim(assessor, first);
        assertThat(tasks.inbox(assessor, page(), inFund).items()).as("holds one of the two: not the other")
                .extracting(InboxItem::taskId).containsExactly(first, journey.one(conflicted,
                        TaskKeys.ASSESS_APPLICATION).getId());
        tasks.complete(assessor, first, Journey.scores("FUND"));
        tasks.complete(assessor, journey.one(conflicted, TaskKeys.ASSESS_APPLICATION).getId(),
                Map.of("conflictOfInterest", true));
        assertThat(tasks.inbox(assessor, page(), inFund).items()).isEmpty();
        assertThat(tasks.inboxCountsByFund(assessor, null)).doesNotContainKey(fund.id());
        assertThat(ids(tasks.inbox(data.assessor(), page(), inFund))).containsExactly(full, conflicted);
    }

    @Test
    void theApiReadsTheReadModelWithTheSameFieldsFiltersAndLinkHeader() throws Exception {
        Fund fund = data.fund();
        long a = journey.submitted(data.charityApplicant(), fund, "3000").id();
        journey.submitted(data.charityApplicant(), fund, "4000");
        CurrentUser assessor = data.assessor();
        mvc.perform(get("/api/tasks?size=1&key=assessApplication&fundId=" + fund.id())
                        .with(httpBasic(assessor.username(), TestData.PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(header().string("Link", org.hamcrest.Matchers.containsString("page=1")))
                .andExpect(jsonPath("$[0].applicationId").value(a))
                .andExpect(jsonPath("$[0].key").value("assessApplication"))
                .andExpect(jsonPath("$[0].reference").value(journey.application(a).reference()))
                .andExpect(jsonPath("$[0].name").value("Assess application"))
                .andExpect(jsonPath("$[0].id").isString())
                .andExpect(jsonPath("$[0].created").isString())
                .andExpect(jsonPath("$[0].assignee").doesNotExist());
        mvc.perform(get("/api/tasks?sort=AMOUNT&fundId=" + fund.id())
                        .with(httpBasic(assessor.username(), TestData.PASSWORD)))
                .andExpect(status().isOk()).andExpect(jsonPath("$.length()").value(2))
                .andExpect(jsonPath("$[1].applicationId").value(a));
        mvc.perform(get("/api/tasks?due=LATER").with(httpBasic(assessor.username(), TestData.PASSWORD)))
                .andExpect(status().isBadRequest());

        String taskId = journey.one(a, TaskKeys.ASSESS_APPLICATION).getId();
        tasks.claim(data.assessor(), taskId);
        mvc.perform(get("/api/tasks/" + taskId).with(httpBasic(assessor.username(), TestData.PASSWORD)))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.reference").doesNotExist())
                .andExpect(jsonPath("$.applicationId").doesNotExist());

        // on the full route the assessor may still claim the other assessment, so reads the application: 403
        long full = journey.submitted(data.charityApplicant(), fund, "12000").id();
        String held = journey.open(full, TaskKeys.ASSESS_APPLICATION).get(0).getId();
        CurrentUser holder = data.assessor();
        tasks.claim(holder, held);
        mvc.perform(get("/api/tasks/" + held).with(httpBasic(assessor.username(), TestData.PASSWORD)))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.reference").doesNotExist())
                .andExpect(jsonPath("$.applicationId").doesNotExist());
        mvc.perform(get("/api/tasks/" + held).with(httpBasic(holder.username(), TestData.PASSWORD)))
                .andExpect(status().isOk()).andExpect(jsonPath("$.assignee").value(holder.username()));
        assertThatThrownBy(() -> tasks.release(assessor, held)).isInstanceOf(ForbiddenException.class);
    }

    @Test
    void anEmptyReadModelIsFilledFromTheEngineAtStartAndOnlyThen() {
        long id = journey.submitted(data.charityApplicant(), data.fund(), "3000").id();
        String taskId = journey.one(id, TaskKeys.ASSESS_APPLICATION).getId();
        InboxItem before = items.find(taskId).orElseThrow();
        long total = jdbc.sql("SELECT COUNT(*) FROM task_item").query(Long.class).single();

        assertThat(backfill.fillIfEmpty()).as("not empty: nothing to do").isZero();
        jdbc.sql("DELETE FROM task_item").update();
        assertThat(backfill.fillIfEmpty()).isEqualTo(total);
        assertThat(items.find(taskId)).contains(before);
        assertThat(backfill.fillIfEmpty()).isZero();
    }

    @Test
    void theInboxPageListsFiltersClaimsGivesBackAndOpensEachTaskOnItsPage() throws Exception {
        Fund fund = data.fund();
        Application app = journey.submitted(data.charityApplicant(), fund, "3000");
        String taskId = journey.one(app.id(), TaskKeys.ASSESS_APPLICATION).getId();
        CurrentUser assessor = data.assessor();
        String inFund = "/staff/tasks?fund=" + fund.id();

        String page = html(get(inFund).with(as(assessor)));
        assertThat(page).contains(app.reference(), fund.name(), "£3,000", "Light touch", "Nobody", "Claim",
                "/staff/tasks/" + taskId + "\"", "Tasks by fund", "sort=DUE", "sort=AMOUNT");
        assertThat(html(get(inFund + "&route=FULL").with(as(assessor)))).doesNotContain(app.reference())
                .contains("No tasks match these filters.");
        assertThat(html(get(inFund + "&due=nonsense&page=x&route=x").with(as(assessor)))).contains(app.reference());

        mvc.perform(post("/staff/tasks/" + taskId + "/claim").with(as(assessor)).with(csrf()))
                .andExpect(status().isFound()).andExpect(redirectedUrl("/staff/tasks"));
        assertThat(html(get(inFund).with(as(assessor)))).contains(">You<", "Give back");
        CurrentUser other = data.assessor();
        MvcResult taken = mvc.perform(post("/staff/tasks/" + taskId + "/claim").with(as(other)).with(csrf()))
                .andReturn();
        assertThat(taken.getResponse().getStatus()).isEqualTo(409);
        assertThat(taken.getResponse().getContentAsString()).contains("This task has already been handled")
                .doesNotContain(app.reference());
        mvc.perform(post("/staff/tasks/" + taskId + "/release").with(as(other)).with(csrf()))
                .andExpect(status().isConflict());
        mvc.perform(post("/staff/tasks/" + taskId + "/release").with(as(assessor)).with(csrf()))
                .andExpect(redirectedUrl("/staff/tasks"));
        assertThat(items.find(taskId).orElseThrow().assignee()).isNull();

        mvc.perform(get("/staff/tasks/" + taskId).with(as(assessor)))
                .andExpect(redirectedUrl("/staff/tasks/" + taskId + "/assess"));
        tasks.complete(assessor, taskId, Journey.scores("FUND"));
        String decide = journey.one(app.id(), TaskKeys.DECIDE_APPLICATION).getId();
        mvc.perform(get("/staff/tasks/" + decide).with(as(data.manager())))
                .andExpect(redirectedUrl("/staff/applications/" + app.id() + "/decide"));
        mvc.perform(get("/staff/tasks/" + decide).with(as(data.assessor()))).andExpect(status().isNotFound());
        mvc.perform(get("/staff/tasks/no-such-task").with(as(data.manager()))).andExpect(status().isNotFound());
    }

    @Test
    void theInboxPagesBy25_eachPageLinkingToTheNextAndBackToTheFirst() throws Exception {
        Fund fund = data.fund();
        for (int i = 0; i <= InboxPages.PAGE_SIZE; i++) {
            journey.submitted(data.charityApplicant(), fund, "1000");
        }
        CurrentUser assessor = data.assessor();
        String inFund = "/staff/tasks?fund=" + fund.id();

        assertThat(html(get(inFund).with(as(assessor)))).contains("aria-label=\"Tasks, page 1\"",
                "href=\"" + inFund + "&amp;page=1\" rel=\"next\"", "Next page").doesNotContain("rel=\"prev\"");
        assertThat(html(get(inFund + "&page=1").with(as(assessor)))).contains("aria-label=\"Tasks, page 2\"",
                "href=\"" + inFund + "\" rel=\"prev\"", "Previous page").doesNotContain("rel=\"next\"");
    }

    private String html(org.springframework.test.web.servlet.RequestBuilder request) throws Exception {
        MvcResult result = mvc.perform(request).andReturn();
        assertThat(result.getResponse().getStatus()).as(result.getResponse().getContentAsString()).isEqualTo(200);
        return result.getResponse().getContentAsString();
    }

    private long rows(long applicationId) {
        return jdbc.sql("SELECT COUNT(*) FROM task_item WHERE application_id = :id").param("id", applicationId)
                .query(Long.class).single();
    }

    private List<String> groups(String taskId) {
        return jdbc.sql("SELECT candidate_group FROM task_item WHERE task_id = :id").param("id", taskId)
                .query(String.class).list();
    }

    private static Paging page() {
        return new Paging(0, 50);
    }

    private static List<Long> ids(WorkflowTasks.InboxItems page) {
        return page.items().stream().map(InboxItem::applicationId).toList();
    }
}
