package org.kith.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

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
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MvcResult;

/** The fund manager reviews an end-of-grant report on its page: accept, or ask for changes with feedback. */
@KithTest
class ReportReviewPagesTest {

    @Autowired
    Journey journey;
    @Autowired
    TestData data;
    @Autowired
    StaffRequests staff;
    @Autowired
    GrantReports reports;
    @Autowired
    JdbcClient jdbc;

    CurrentUser applicant;
    CurrentUser manager;
    Fund fund;

    @BeforeEach
    void aFundedGrant() {
        applicant = data.charityApplicant();
        manager = data.manager();
        fund = data.fund();
    }

    long reportSent() {
        long id = journey.funded(applicant, fund, "3000");
        journey.complete(applicant, id, TaskKeys.SUBMIT_REPORT, Map.of("whatWeDid", "Forty <b>lunches</b>",
                "differenceItMade", "Friendships", "whatWeLearned", "Tuesdays suit best", "peopleReached", 37,
                "amountSpent", new BigDecimal("2950.00")));
        return id;
    }

    @Test
    void askForChangesWithFeedback_thenAcceptTheReportSentAgain() throws Exception {
        long id = reportSent();
        String reference = journey.application(id).reference();
        assertThat(staff.page(manager, "/staff/reports", 200)).contains(reference, "/staff/reports/" + id);

        String page = staff.page(manager, "/staff/reports/" + id, 200);
        assertThat(page).contains("Forty &lt;b&gt;lunches&lt;/b&gt;", "Friendships", "Tuesdays suit best", "37",
                "£2,950", "£3,000", "£50").doesNotContain("<b>lunches</b>");

        assertThat(StaffRequests.body(staff.post(manager, "/staff/reports/" + id, 200)))
                .contains("There is a problem", "Choose whether to accept the report or ask for changes");
        assertThat(StaffRequests.body(staff.post(manager, "/staff/reports/" + id, 200,
                "outcome", "REQUEST_CHANGES", "feedback", "  ")))
                .contains("Say what the group should change");
        assertThat(journey.open(id, TaskKeys.REVIEW_REPORT)).hasSize(1);

        MvcResult changes = staff.post(manager, "/staff/reports/" + id, 302, "outcome", "REQUEST_CHANGES",
                "feedback", "Please add how many people came each week.");
        assertThat(changes.getResponse().getRedirectedUrl()).isEqualTo("/staff/reports");
        assertThat(changes.getFlashMap().get("successBanner")).asString().contains(reference);
        assertThat(reports.find(id).orElseThrow().status()).isEqualTo(GrantReports.CHANGES_REQUESTED);
        assertThat(reports.find(id).orElseThrow().feedback()).isEqualTo("Please add how many people came each week.");
        assertThat(audited(id, "REPORT_CHANGES_REQUESTED")).isEqualTo(1);
        assertThat(journey.open(id, TaskKeys.SUBMIT_REPORT)).hasSize(1);
        assertThat(staff.page(manager, "/staff/reports", 200)).doesNotContain(reference);

        assertThat(StaffRequests.body(staff.post(manager, "/staff/reports/" + id, 200, "outcome", "ACCEPT")))
                .contains("This report has already been reviewed", "Someone had already reviewed it");
        assertThat(audited(id, "REPORT_ACCEPTED")).isZero();

        journey.complete(applicant, id, TaskKeys.SUBMIT_REPORT, Map.of("whatWeDid", "Forty lunches",
                "differenceItMade", "Friendships", "whatWeLearned", "About 20 people came each week",
                "peopleReached", 37, "amountSpent", new BigDecimal("2950.00")));
        staff.post(manager, "/staff/reports/" + id, 302, "outcome", "ACCEPT");
        assertThat(reports.find(id).orElseThrow().status()).isEqualTo(GrantReports.ACCEPTED);
        assertThat(audited(id, "REPORT_ACCEPTED")).isEqualTo(1);
        assertThat(staff.page(manager, "/staff/reports/" + id, 200)).contains("The report was accepted.");
    }

    @Test
    void whatWasTypedStaysAfterAnError() throws Exception {
        long id = reportSent();
        String page = StaffRequests.body(staff.post(manager, "/staff/reports/" + id, 200,
                "feedback", "Half a thought"));
        assertThat(page).contains("Half a thought", "Choose whether to accept");
    }

    @Test
    void aReportNotSentIsNotFound() throws Exception {
        long id = journey.funded(applicant, fund, "3000");
        staff.page(manager, "/staff/reports/" + id, 404);
    }

    @Test
    void permissionsPerRoleAndFundLink() throws Exception {
        long id = reportSent();
        String reference = journey.application(id).reference();
        for (Role role : List.of(Role.ASSESSOR, Role.FUNDER, Role.APPLICANT, Role.ADMIN)) {
            CurrentUser someone = staff.withRole(role);
            staff.page(someone, "/staff/reports", 403);
            assertThat(staff.statusOf(someone, "/staff/reports/" + id)).as(role.name()).isIn(403, 404);
            assertThat(staff.postStatus(someone, "/staff/reports/" + id, "outcome", "ACCEPT")).isIn(403, 404);
        }
        CurrentUser elsewhere = data.managerOf(data.fund());
        assertThat(staff.page(elsewhere, "/staff/reports", 200)).doesNotContain(reference);
        assertThat(staff.statusOf(elsewhere, "/staff/reports/" + id)).isIn(403, 404);
        assertThat(staff.postStatus(elsewhere, "/staff/reports/" + id, "outcome", "ACCEPT")).isIn(403, 404);
        assertThat(journey.open(id, TaskKeys.REVIEW_REPORT)).as("nobody refused reviewed it").hasSize(1);

        CurrentUser linked = data.managerOf(fund);
        assertThat(staff.page(linked, "/staff/reports", 200)).contains(reference);
        staff.post(linked, "/staff/reports/" + id, 302, "outcome", "ACCEPT");
        assertThat(reports.find(id).orElseThrow().status()).isEqualTo(GrantReports.ACCEPTED);
    }

    private int audited(long id, String action) {
        return jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE application_id = :id AND action = :action")
                .param("id", id).param("action", action).query(Integer.class).single();
    }
}
