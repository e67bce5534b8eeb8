package org.kith.awards;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kith.funds.Fund;
import org.kith.identity.CurrentUser;
import org.kith.identity.Role;
import org.kith.support.Journey;
import org.kith.support.KithTest;
import org.kith.support.StaffRequests;
import org.kith.support.TestData;
import org.kith.workflow.TaskKeys;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MvcResult;

/** The fund manager reviews a change a group asked for: approve, or refuse with a reason. */
@KithTest
class VariationReviewPagesTest {

    @Autowired
    Journey journey;
    @Autowired
    TestData data;
    @Autowired
    StaffRequests staff;
    @Autowired
    VariationController variationApi;
    @Autowired
    Variations variations;
    @Autowired
    AwardRecords awards;

    CurrentUser applicant;
    CurrentUser manager;
    Fund fund;

    @BeforeEach
    void aFundedGrant() {
        applicant = data.charityApplicant();
        manager = data.manager();
        fund = data.fund();
    }

    long requested(String description, String newAmount) {
        long id = journey.funded(applicant, fund, "3000");
        variationApi.request(applicant, id, new VariationController.VariationRequest(description,
                newAmount == null ? null : new BigDecimal(newAmount)));
        return id;
    }

    @Test
    void refuseNeedsAReason_thenTheRequestIsRefused() throws Exception {
        long id = requested("Move the lunches to <i>Thursdays</i>", null);
        String reference = journey.application(id).reference();
        assertThat(staff.page(manager, "/staff/variations", 200)).contains(reference, "/staff/variations/" + id);
        assertThat(staff.page(manager, "/staff/variations/" + id, 200))
                .contains("Move the lunches to &lt;i&gt;Thursdays&lt;/i&gt;", "No change to the amount", "£3,000");

        assertThat(StaffRequests.body(staff.post(manager, "/staff/variations/" + id, 200)))
                .contains("Choose whether to approve or refuse the change");
        assertThat(StaffRequests.body(staff.post(manager, "/staff/variations/" + id, 200, "decision", "refuse")))
                .contains("Give the reason for refusing");
        assertThat(variations.open(id)).isPresent();

        MvcResult refused = staff.post(manager, "/staff/variations/" + id, 302, "decision", "refuse",
                "reason", "Thursdays clash with the hall’s other bookings.");
        assertThat(refused.getResponse().getRedirectedUrl()).isEqualTo("/staff/variations");
        assertThat(variations.forApplication(id)).singleElement().satisfies(v -> {
            assertThat(v.status()).isEqualTo("REFUSED");
            assertThat(v.reason()).isEqualTo("Thursdays clash with the hall’s other bookings.");
            assertThat(v.decidedBy()).isEqualTo(manager.username());
        });
        assertThat(staff.page(manager, "/staff/variations", 200)).doesNotContain(reference);

        assertThat(StaffRequests.body(staff.post(manager, "/staff/variations/" + id, 200, "decision", "approve")))
                .contains("This change has already been decided", "The change was refused.");
    }

    @Test
    void approvingANewAmountChangesTheAward() throws Exception {
        long id = requested("Ten more lunches", "3400");
        assertThat(staff.page(manager, "/staff/variations/" + id, 200)).contains("£3,400", "£3,000");
        staff.post(manager, "/staff/variations/" + id, 302, "decision", "approve");
        assertThat(variations.forApplication(id).get(0).status()).isEqualTo("APPROVED");
        assertThat(awards.award(id).orElseThrow().amount()).isEqualByComparingTo("3400");
    }

    @Test
    void aNewAmountThatNoLongerFitsIsAnErrorOnThePage_notAnAlreadyHandledPage() throws Exception {
        long id = requested("Ten more lunches", "3400");
        journey.complete(manager, id, TaskKeys.RECORD_PAYMENT, java.util.Map.of("paid", true));
        String page = StaffRequests.body(staff.post(manager, "/staff/variations/" + id, 200, "decision", "approve"));
        assertThat(page).contains("There is a problem", "can no longer be approved");
        assertThat(variations.open(id)).isPresent();
    }

    @Test
    void noRequestIsNotFound() throws Exception {
        long id = journey.funded(applicant, fund, "3000");
        staff.page(manager, "/staff/variations/" + id, 404);
    }

    @Test
    void permissionsPerRoleAndFundLink() throws Exception {
        long id = requested("Ten more lunches", null);
        String reference = journey.application(id).reference();
        for (Role role : List.of(Role.ASSESSOR, Role.FUNDER, Role.APPLICANT, Role.ADMIN)) {
            CurrentUser someone = staff.withRole(role);
            staff.page(someone, "/staff/variations", 403);
            assertThat(staff.statusOf(someone, "/staff/variations/" + id)).as(role.name()).isIn(403, 404);
            assertThat(staff.postStatus(someone, "/staff/variations/" + id, "decision", "approve")).isIn(403, 404);
        }
        CurrentUser elsewhere = data.managerOf(data.fund());
        assertThat(staff.page(elsewhere, "/staff/variations", 200)).doesNotContain(reference);
        assertThat(staff.postStatus(elsewhere, "/staff/variations/" + id, "decision", "approve")).isIn(403, 404);
        assertThat(variations.open(id)).as("nobody refused decided it").isPresent();

        CurrentUser linked = data.managerOf(fund);
        staff.post(linked, "/staff/variations/" + id, 302, "decision", "approve");
        assertThat(variations.open(id)).isEmpty();
    }
}
