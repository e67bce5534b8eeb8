package org.kith.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.flowable.task.api.Task;
import org.kith.applications.ApplicationStatus;
import org.kith.funds.Fund;
import org.kith.funds.Funds;
import org.kith.identity.CurrentUser;
import org.kith.workflow.TaskKeys;
import org.springframework.stereotype.Component;

/** Applications waiting for a decision with the scores a test wants, in a fund with the seeded decline reasons. */
@Component
public class Assessed {

    private final Journey journey;
    private final TestData data;
    private final Funds funds;

    Assessed(Journey journey, TestData data, Funds funds) {
        this.journey = journey;
        this.data = data;
        this.funds = funds;
    }

    /** A fresh fund with this budget and the seeded fund's decline reason templates. */
    public Fund fundWithDeclineReasons(String budget) {
        Fund seeded = funds.findBySlug("social-isolation-and-loneliness").orElseThrow();
        return data.fund(f -> new Fund(f.id(), f.slug(), f.name(), f.description(), f.currency(),
                new BigDecimal(budget), f.minimumAward(), f.maximumAward(), f.lightTouchThreshold(), f.opensOn(),
                f.closesOn(), f.eligibility(), f.questions(), f.criteria(), f.reporting(), f.payments(),
                f.timeLimits(), seeded.declineReasons()));
    }

    /**
     * Sent by this group and scored, one score per assessment (a fresh assessor each): every criterion gets that
     * score, so 5 is a weighted 100%, 4 is 80%, 3 is 60%. Over the fund's light-touch threshold two assessments
     * are open, under it one. Waiting for a decision.
     */
    public long application(CurrentUser applicant, Fund fund, String amount, int... scores) {
        long id = journey.submitted(applicant, fund, amount).id();
        List<Task> open = journey.open(id, TaskKeys.ASSESS_APPLICATION);
        assertThat(open).hasSize(scores.length);
        for (int i = 0; i < scores.length; i++) {
            int s = scores[i];
            journey.complete(data.assessor(), open.get(i), Map.of("conflictOfInterest", false,
                    "scores", Map.of("need", s, "difference", s, "communityLed", s, "deliverability", s),
                    "comment", "Clear need, realistic plan.", "recommendation", s >= 3 ? "FUND" : "DO_NOT_FUND"));
        }
        assertThat(journey.status(id)).isEqualTo(ApplicationStatus.AWAITING_DECISION);
        return id;
    }

    public long application(Fund fund, String amount, int... scores) {
        return application(data.charityApplicant(), fund, amount, scores);
    }
}
