package org.kith.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kith.funds.Fund;
import org.kith.identity.CurrentUser;
import org.kith.support.Journey;
import org.kith.support.KithTest;
import org.kith.support.TestData;
import org.kith.workflow.TaskKeys;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Staff see an application only through their work on it: an assessor through a task they hold, held or may
 * claim (never after declaring a conflict), a funder in the funds linked to them, a fund manager in the funds
 * they manage, an admin everywhere. What they may not see answers 404, on the application, its history and its
 * offer letter alike.
 */
@KithTest
class StaffAccessTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    ObjectMapper json;
    @Autowired
    TestData data;
    @Autowired
    Journey journey;

    Api api;
    CurrentUser group;
    Fund fundA;
    Fund fundB;

    @BeforeEach
    void setUp() {
        api = new Api(mvc, json);
        group = data.charityApplicant();
        fundA = data.fund();
        fundB = data.fund();
    }

    private void sees(CurrentUser user, long id) {
        api.application(user, id).expect(200);
        api.get(user, "/api/applications/" + id + "/history").expect(200);
    }

    private void doesNotSee(CurrentUser user, long id) {
        api.application(user, id).expectProblem(404);
        api.get(user, "/api/applications/" + id + "/history").expectProblem(404);
        api.get(user, "/api/applications/" + id + "/offer-letter.pdf").expectProblem(404);
    }

    @Test
    void anAssessorWithNoTaskOnAnApplicationCannotSeeIt_norItsOfferLetter() {
        long offered = journey.offered(group, fundA, "3000");
        doesNotSee(data.assessor(), offered);
    }

    @Test
    void anAssessorSeesAnApplicationTheyMayClaim_holdOrHeld_butNotOneSomeoneElseHolds() {
        long id = journey.submitted(group, fundA, "3000").id();
        CurrentUser first = data.assessor();
        CurrentUser second = data.assessor();
        sees(first, id);
        sees(second, id);

        String task = api.taskId(first, id, TaskKeys.ASSESS_APPLICATION);
        api.claim(first, task).expect(200);
        sees(first, id);
        doesNotSee(second, id);
        api.get(second, "/api/tasks/" + task).expectProblem(404);

        journey.complete(first, id, TaskKeys.ASSESS_APPLICATION, Journey.scores("FUND"));
        sees(first, id);
        doesNotSee(second, id);
    }

    @Test
    void aDeclaredConflictHidesTheApplicationForGood() {
        long id = journey.submitted(group, fundA, "3000").id();
        CurrentUser conflicted = data.assessor();
        String task = api.taskId(conflicted, id, TaskKeys.ASSESS_APPLICATION);
        api.complete(conflicted, task, Map.of("conflictOfInterest", true)).expect(200);

        doesNotSee(conflicted, id);
        assertThat(api.get(conflicted, "/api/tasks").body().findValues("applicationId").stream()
                .map(JsonNode::asLong).toList()).doesNotContain(id);
    }

    @Test
    void aFunderSeesOnlyTheFundsLinkedToThem() {
        long inA = journey.offered(group, fundA, "3000");
        long inB = journey.offered(data.charityApplicant(), fundB, "3000");
        CurrentUser funder = data.funderOf(fundA);

        sees(funder, inA);
        api.get(funder, "/api/applications/" + inA + "/offer-letter.pdf").expect(200);
        doesNotSee(funder, inB);
        assertThat(api.get(funder, "/api/applications?size=500").body().findValues("id").stream()
                .map(JsonNode::asLong).toList()).contains(inA).doesNotContain(inB);
    }

    @Test
    void aFundManagerSeesTheFundsTheyManage_andOneLinkedToNoneManagesAll() {
        long inA = journey.offered(group, fundA, "3000");
        long inB = journey.offered(data.charityApplicant(), fundB, "3000");
        CurrentUser managerOfA = data.managerOf(fundA);

        sees(managerOfA, inA);
        api.get(managerOfA, "/api/applications/" + inA + "/assessments").expect(200);
        doesNotSee(managerOfA, inB);
        api.get(managerOfA, "/api/applications/" + inB + "/assessments").expectProblem(404);

        CurrentUser everyFund = data.manager();
        sees(everyFund, inA);
        sees(everyFund, inB);
    }

    @Test
    void anAdminSeesEveryApplicationPastTheDraft_butNoDraft() {
        long offered = journey.offered(group, fundA, "3000");
        long draft = journey.draft(group, fundB, "3000");
        CurrentUser admin = data.admin();
        sees(admin, offered);
        api.application(admin, draft).expectProblem(404);
    }

    @Test
    void theHistoryShowsWhoScoredWhat_onlyToThoseWhoDecide() {
        // Above the light-touch threshold: two assessments.
        long id = journey.submitted(group, fundA, "8000").id();
        List<String> tasks = journey.open(id, TaskKeys.ASSESS_APPLICATION).stream().map(t -> t.getId()).toList();
        assertThat(tasks).hasSize(2);
        CurrentUser first = data.assessor();
        CurrentUser second = data.assessor();
        api.complete(first, tasks.get(0), Journey.scores("FUND")).expect(200);

        JsonNode secondSees = api.get(second, "/api/applications/" + id + "/history").body();
        assertThat(secondSees.findValuesAsText("action")).doesNotContain("ASSESSMENT_RECORDED");
        assertThat(secondSees.findValuesAsText("actor")).doesNotContain(first.username());
        assertThat(secondSees.toString()).doesNotContain("Weighted score");

        JsonNode firstSees = api.get(first, "/api/applications/" + id + "/history").body();
        assertThat(firstSees.findValuesAsText("action")).contains("ASSESSMENT_RECORDED");

        JsonNode managerSees = api.get(data.managerOf(fundA), "/api/applications/" + id + "/history").body();
        assertThat(managerSees.findValuesAsText("actor")).contains(first.username());
        assertThat(api.get(data.funderOf(fundA), "/api/applications/" + id + "/history").body()
                .findValuesAsText("action")).doesNotContain("ASSESSMENT_RECORDED");
    }
}
