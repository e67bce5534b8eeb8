package org.kith.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.kith.identity.CurrentUser;
import org.kith.support.Journey;
import org.kith.support.KithTest;
import org.kith.support.TestData;
import org.kith.workflow.TaskKeys;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import java.util.Map;

/** Assessors stay anonymous to the group: the group's timeline shows what happened and why, not who scored. */
@KithTest
class ApplicantTimelineTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    Journey journey;
    @Autowired
    TestData data;

    @Test
    void theGroupSeesDecisionsAndReasonsButNotAssessorsOrScores() throws Exception {
        CurrentUser applicant = data.charityApplicant();
        long id = journey.submitted(applicant, data.fund(), "3000").id();
        CurrentUser assessor = data.assessor();
        journey.complete(assessor, id, TaskKeys.ASSESS_APPLICATION, Journey.scores("DO_NOT_FUND"));
        CurrentUser manager = data.manager();
        journey.complete(manager, id, TaskKeys.DECIDE_APPLICATION,
                Map.of("outcome", "DECLINE", "reason", "We funded similar work nearby."));

        String groupView = history(applicant, id);
        assertThat(groupView).contains("We funded similar work nearby.", "\"the fund\"", applicant.username())
                .doesNotContain(assessor.username(), manager.username(), "ASSESSMENT_RECORDED", "Weighted score");

        String staffView = history(manager, id);
        assertThat(staffView).contains(assessor.username(), manager.username(), "ASSESSMENT_RECORDED");
    }

    String history(CurrentUser user, long id) throws Exception {
        return mvc.perform(get("/api/applications/" + id + "/history").with(httpBasic(user.username(), TestData.PASSWORD)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    }
}
