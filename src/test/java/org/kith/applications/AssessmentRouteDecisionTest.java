package org.kith.applications;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.flowable.dmn.api.DmnDecisionService;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.kith.support.KithTest;
import org.kith.workflow.ProcessKeys;
import org.springframework.beans.factory.annotation.Autowired;

/** processes/assessment-route.dmn on its boundaries, with the seeded loneliness fund's 5,000 threshold. */
@KithTest
class AssessmentRouteDecisionTest {

    @Autowired
    DmnDecisionService decisions;

    @ParameterizedTest(name = "{0}p, first time {1}, identifier {2} -> {3}")
    @CsvSource({
            "50000,   false, true,  LIGHT_TOUCH",
            "499999,  false, true,  LIGHT_TOUCH",
            "500000,  false, true,  LIGHT_TOUCH",
            "500001,  false, true,  FULL",
            "2000000, false, true,  FULL",
            "500000,  true,  true,  LIGHT_TOUCH",
            "500000,  false, false, LIGHT_TOUCH",
            "50000,   true,  false, FULL",
            "500001,  true,  false, FULL"
    })
    void routesByAmountAgainstThresholdAndRisk(long amountPence, boolean firstTime, boolean identified,
            String expected) {
        Map<String, Object> result = decisions.createExecuteDecisionBuilder()
                .decisionKey(ProcessKeys.ASSESSMENT_ROUTE_DECISION)
                .variable("amountRequestedPence", amountPence)
                .variable("lightTouchThresholdPence", 500000L)
                .variable("firstTimeApplicant", firstTime)
                .variable("hasIdentifier", identified)
                .executeWithSingleResult();
        assertThat(result).containsEntry("route", expected);
    }
}
