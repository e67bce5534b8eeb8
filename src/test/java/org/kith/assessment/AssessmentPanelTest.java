package org.kith.assessment;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.kith.identity.CurrentUser;
import org.kith.support.Journey;
import org.kith.support.KithTest;
import org.kith.support.TestData;
import org.kith.workflow.TaskKeys;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

@KithTest
class AssessmentPanelTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    Journey journey;
    @Autowired
    TestData data;

    @Test
    void theFundManagerSeesBothAssessmentsAndTheirAverageButTheGroupDoesNot() throws Exception {
        CurrentUser applicant = data.charityApplicant();
        long id = journey.submitted(applicant, data.fund(), "12000").id();
        var tasks = journey.open(id, TaskKeys.ASSESS_APPLICATION);
        journey.complete(data.assessor(), tasks.get(0), Map.of("conflictOfInterest", false,
                "scores", Map.of("need", 5, "difference", 5, "communityLed", 5, "deliverability", 5),
                "recommendation", "FUND"));
        journey.complete(data.assessor(), tasks.get(1), Map.of("conflictOfInterest", false,
                "scores", Map.of("need", 0, "difference", 5, "communityLed", 5, "deliverability", 0),
                "recommendation", "FUND_IN_PART"));

        panel(data.manager(), id).andExpect(status().isOk())
                .andExpect(jsonPath("$.assessments.length()").value(2))
                .andExpect(jsonPath("$.assessments[0].scores.need").value(5))
                .andExpect(jsonPath("$.assessments[1].weightedScore").value(50.0))
                .andExpect(jsonPath("$.averageWeightedScore").value(75.0));
        panel(applicant, id).andExpect(status().isForbidden());
        panel(data.charityApplicant(), id).andExpect(status().isNotFound());
    }

    ResultActions panel(CurrentUser user, long id) throws Exception {
        return mvc.perform(get("/api/applications/" + id + "/assessments")
                .with(httpBasic(user.username(), TestData.PASSWORD)));
    }
}
