package org.kith.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.kith.applications.ApplicationStatus;
import org.kith.funds.Fund;
import org.kith.identity.CurrentUser;
import org.kith.identity.Role;
import org.kith.organisations.LegalForm;
import org.kith.organisations.Organisations;
import org.kith.support.Journey;
import org.kith.support.TestData;
import org.kith.workflow.TaskKeys;

/**
 * A known portfolio in a fresh fund, built through the lifecycle, for the published statistics, the API and the
 * exports: one application offered (2,500), one funded (4,000), one declined (1,500) and one in assessment
 * (1,000). The two offered come from Edinburgh charities; the declined from a group whose area and income we do
 * not know; the one in assessment from a Glasgow group called {@code =HYPERLINK("x")}.
 */
public record KnownPortfolio(Fund fund, long offered, long funded, long declined, long inAssessment,
        List<CurrentUser> applicants, List<String> groupNames) {

    public static final String FORMULA_GROUP = "=HYPERLINK(\"x\")";

    public static KnownPortfolio build(TestData data, Journey journey, Organisations organisations) {
        Fund fund = data.fund();
        CurrentUser first = data.charityApplicant();
        CurrentUser second = data.charityApplicant();
        String unknownName = "Group of unknown area " + unique();
        CurrentUser unknownArea = applicant(data, organisations.create(unknownName, LegalForm.UNREGISTERED_GROUP,
                null, null, null, null));
        CurrentUser formula = applicant(data, organisations.create(FORMULA_GROUP, LegalForm.UNREGISTERED_GROUP,
                null, "G1 1AA", "Glasgow City", new BigDecimal("5000.00")));

        long offered = journey.offered(first, fund, "2500");
        long funded = journey.funded(second, fund, "4000");
        long declined = journey.submitted(unknownArea, fund, "1500").id();
        journey.assessAll(declined);
        journey.complete(data.manager(), declined, TaskKeys.DECIDE_APPLICATION,
                Map.of("outcome", "DECLINE", "reason", "We funded similar work nearby this year."));
        long inAssessment = journey.submitted(formula, fund, "1000").id();

        assertThat(journey.status(offered)).isEqualTo(ApplicationStatus.OFFERED);
        assertThat(journey.status(declined)).isEqualTo(ApplicationStatus.DECLINED);
        assertThat(journey.status(inAssessment)).isEqualTo(ApplicationStatus.IN_ASSESSMENT);
        List<String> names = List.of(groupName(organisations, first), groupName(organisations, second), unknownName,
                FORMULA_GROUP);
        return new KnownPortfolio(fund, offered, funded, declined, inAssessment,
                List.of(first, second, unknownArea, formula), names);
    }

    private static CurrentUser applicant(TestData data, long organisationId) {
        return data.person("applicant-" + unique(), organisationId, Role.APPLICANT);
    }

    private static String groupName(Organisations organisations, CurrentUser member) {
        return organisations.find(member.organisationId()).orElseThrow().name();
    }

    private static String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
