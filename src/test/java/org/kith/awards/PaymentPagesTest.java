package org.kith.awards;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
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

/** The fund manager's payments: what is due, marking one paid with its reference, the CSV, and who may do what. */
@KithTest
class PaymentPagesTest {

    @Autowired
    Journey journey;
    @Autowired
    TestData data;
    @Autowired
    StaffRequests staff;
    @Autowired
    AwardRecords awards;
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

    @Test
    void aPaymentDueIsListedThenMarkedPaidWithTheFinanceSystemsReference() throws Exception {
        long id = journey.funded(applicant, fund, "3000");
        String reference = journey.application(id).reference();
        AwardRecords.Payment payment = awards.payments(id).get(0);

        String list = staff.page(manager, "/staff/payments?fund=" + fund.id(), 200);
        assertThat(list).contains(reference, groupName(id), fund.name(), "£3,000",
                "/staff/payments/" + payment.id() + "/paid", "/staff/payments.csv?fund=" + fund.id());

        assertThat(list).doesNotContain("Overdue");
        jdbc.sql("UPDATE payment SET due_on = :day WHERE id = :id").param("day", payment.dueOn().minusDays(3))
                .param("id", payment.id()).update();
        assertThat(staff.page(manager, "/staff/payments?fund=" + fund.id(), 200)).contains("Overdue");

        String form = staff.page(manager, "/staff/payments/" + payment.id() + "/paid", 200);
        assertThat(form).contains("Payment reference from the finance system", reference, "£3,000");

        String missing = StaffRequests.body(staff.post(manager, "/staff/payments/" + payment.id() + "/paid", 200,
                "reference", "   "));
        assertThat(missing).contains("There is a problem", "Enter the payment reference from the finance system");
        String tooLong = StaffRequests.body(staff.post(manager, "/staff/payments/" + payment.id() + "/paid", 200,
                "reference", "X".repeat(51)));
        assertThat(tooLong).contains("50 characters or fewer", "X".repeat(51));
        String control = StaffRequests.body(staff.post(manager, "/staff/payments/" + payment.id() + "/paid", 200,
                "reference", "BACS\u0007-1"));
        assertThat(control).contains("letters, numbers, spaces and punctuation");
        assertThat(journey.open(id, TaskKeys.RECORD_PAYMENT)).as("nothing recorded yet").hasSize(1);

        staff.post(manager, "/staff/payments/" + payment.id() + "/paid", 302, "reference", " BACS-2027-0042 ");
        assertThat(journey.open(id, TaskKeys.RECORD_PAYMENT)).isEmpty();
        assertThat(awards.payments(id).get(0).paidAt()).isNotNull();
        assertThat(jdbc.sql("SELECT reference FROM payment WHERE id = :id").param("id", payment.id())
                .query(String.class).single()).isEqualTo("BACS-2027-0042");
        assertThat(jdbc.sql("SELECT detail FROM audit_event WHERE application_id = :id AND action = 'PAYMENT_RECORDED'")
                .param("id", id).query(String.class).list())
                .singleElement().asString().contains("Payment reference: BACS-2027-0042", "3000.00");
        assertThat(staff.page(manager, "/staff/payments?fund=" + fund.id(), 200)).doesNotContain(reference);

        String again = StaffRequests.body(staff.post(manager, "/staff/payments/" + payment.id() + "/paid", 200,
                "reference", "BACS-2027-0043"));
        assertThat(again).contains("This payment has already been recorded", "BACS-2027-0042", manager.username())
                .doesNotContain("BACS-2027-0043");
        assertThat(staff.page(manager, "/staff/payments/" + payment.id() + "/paid", 200))
                .contains("This payment has already been recorded");
    }

    @Test
    void redirectAfterMarkingPaidGoesBackToTheList() throws Exception {
        long id = journey.funded(applicant, fund, "2000");
        long paymentId = awards.payments(id).get(0).id();
        MvcResult result = staff.post(manager, "/staff/payments/" + paymentId + "/paid", 302, "reference", "R-1");
        assertThat(result.getResponse().getRedirectedUrl()).isEqualTo("/staff/payments");
        assertThat(result.getFlashMap().get("successBanner")).asString().contains("R-1");
    }

    @Test
    void twoManagersMarkingTheSamePaymentAtOnce_oneRecordsIt_theOtherIsToldItWasAlreadyRecorded() throws Exception {
        long id = journey.funded(applicant, fund, "2000");
        long paymentId = awards.payments(id).get(0).id();
        CurrentUser second = data.manager();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        List<Integer> statuses = new ArrayList<>();
        try {
            List<java.util.concurrent.Callable<Integer>> posts = List.of(
                    () -> staff.postStatus(manager, "/staff/payments/" + paymentId + "/paid", "reference", "A-1"),
                    () -> staff.postStatus(second, "/staff/payments/" + paymentId + "/paid", "reference", "B-2"));
            for (java.util.concurrent.Future<Integer> answer : pool.invokeAll(posts)) {
                statuses.add(answer.get());
            }
        } finally {
            pool.shutdown();
        }
        assertThat(statuses).containsExactlyInAnyOrder(302, 200);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE application_id = :id AND action = 'PAYMENT_RECORDED'")
                .param("id", id).query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void aLaterTrancheIsNotRecordedBeforeTheOneDue() throws Exception {
        long id = journey.funded(applicant, fund, "12000");
        List<AwardRecords.Payment> tranches = awards.payments(id);
        assertThat(tranches).hasSize(2);
        String list = staff.page(manager, "/staff/payments?fund=" + fund.id(), 200);
        assertThat(list).contains("/staff/payments/" + tranches.get(0).id() + "/paid")
                .doesNotContain("/staff/payments/" + tranches.get(1).id() + "/paid");

        String page = StaffRequests.body(staff.post(manager, "/staff/payments/" + tranches.get(1).id() + "/paid",
                200, "reference", "TOO-EARLY"));
        assertThat(page).contains("This payment is not waiting to be recorded");
        assertThat(awards.payments(id)).allSatisfy(p -> assertThat(p.paidAt()).isNull());
        assertThat(journey.open(id, TaskKeys.RECORD_PAYMENT)).hasSize(1);
    }

    @Test
    void theApiStillRecordsAPaymentWithoutAReference() {
        long id = journey.funded(applicant, fund, "2000");
        journey.complete(manager, id, TaskKeys.RECORD_PAYMENT, Map.of("paid", true));
        assertThat(awards.payments(id).get(0).paidAt()).isNotNull();
    }

    @Test
    void theCsvHoldsThePaymentsDueForTheFinanceSystem_withFormulasNeutralised() throws Exception {
        long id = journey.funded(applicant, fund, "3000");
        String hostile = "=HYPERLINK(\"http://evil.example\",\"Click\")";
        renameGroup(id, hostile);
        CurrentUser other = data.charityApplicant();
        long second = journey.funded(other, fund, "2500");
        renameGroup(second, "@SUM(1+1), \"Lunch\"\r\nClub");

        staff.post(manager, "/staff/payments/0/paid", 404, "reference", "R");
        MvcResult csv = csv(manager, "/staff/payments.csv?fund=" + fund.id());
        assertThat(csv.getResponse().getContentType()).startsWith("text/csv");
        assertThat(csv.getResponse().getHeader("Content-Disposition")).startsWith("attachment").contains(".csv");

        List<List<String>> rows = parse(StaffRequests.body(csv));
        assertThat(rows.get(0)).containsExactly("Application reference", "Group name", "Organisation identifier",
                "Fund", "Tranche", "Amount", "Due date");
        assertThat(rows).hasSize(3);
        List<String> first = row(rows, journey.application(id).reference());
        assertThat(first.get(1)).isEqualTo("'" + hostile);
        assertThat(first.get(2)).startsWith("GB-SC-");
        assertThat(first.subList(3, 7)).containsExactly(fund.name(), "1", "3000.00",
                awards.payments(id).get(0).dueOn().toString());
        assertThat(row(rows, journey.application(second).reference()).get(1))
                .isEqualTo("'@SUM(1+1), \"Lunch\"\r\nClub");

        assertThat(PaymentsCsv.cell("-1")).isEqualTo("\"'-1\"");
        assertThat(PaymentsCsv.cell("+1")).isEqualTo("\"'+1\"");
        assertThat(PaymentsCsv.cell("\tx")).isEqualTo("\"'\tx\"");
        assertThat(PaymentsCsv.cell("\rx")).isEqualTo("\"'\rx\"");
        assertThat(PaymentsCsv.cell("Plain")).isEqualTo("\"Plain\"");
    }

    @Test
    void aGroupNameIsShownAsText() throws Exception {
        long id = journey.funded(applicant, fund, "3000");
        renameGroup(id, "<script>alert(1)</script>");
        assertThat(staff.page(manager, "/staff/payments?fund=" + fund.id(), 200))
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain("<script>alert(1)");
    }

    @Test
    void permissionsPerRoleAndFundLink() throws Exception {
        long id = journey.funded(applicant, fund, "3000");
        String reference = journey.application(id).reference();
        long paymentId = awards.payments(id).get(0).id();
        String markPaid = "/staff/payments/" + paymentId + "/paid";

        for (Role role : List.of(Role.ASSESSOR, Role.FUNDER, Role.APPLICANT)) {
            CurrentUser someone = staff.withRole(role);
            staff.page(someone, "/staff/payments", 403);
            staff.page(someone, "/staff/payments.csv", 403);
            staff.page(someone, markPaid, 403);
            staff.post(someone, markPaid, 403, "reference", "R");
        }

        CurrentUser admin = staff.withRole(Role.ADMIN);
        assertThat(staff.page(admin, "/staff/payments", 200)).contains(reference);
        assertThat(StaffRequests.body(csv(admin, "/staff/payments.csv"))).contains(reference);
        staff.page(admin, markPaid, 403);
        staff.post(admin, markPaid, 403, "reference", "R");

        CurrentUser elsewhere = data.managerOf(data.fund());
        assertThat(staff.page(elsewhere, "/staff/payments", 200)).doesNotContain(reference);
        assertThat(StaffRequests.body(csv(elsewhere, "/staff/payments.csv"))).doesNotContain(reference);
        staff.page(elsewhere, markPaid, 404);
        staff.post(elsewhere, markPaid, 404, "reference", "R");

        CurrentUser linked = data.managerOf(fund);
        assertThat(staff.page(linked, "/staff/payments", 200)).contains(reference);
        assertThat(journey.open(id, TaskKeys.RECORD_PAYMENT)).as("nobody refused has recorded it").hasSize(1);
        staff.post(linked, markPaid, 302, "reference", "LINKED-1");
        assertThat(journey.open(id, TaskKeys.RECORD_PAYMENT)).isEmpty();
    }

    private MvcResult csv(CurrentUser who, String path) throws Exception {
        return staff.get(who, path, 200);
    }

    private String groupName(long applicationId) {
        return jdbc.sql("SELECT name FROM organisation WHERE id = :id")
                .param("id", journey.application(applicationId).organisationId()).query(String.class).single();
    }

    private void renameGroup(long applicationId, String name) {
        jdbc.sql("UPDATE organisation SET name = :name WHERE id = :id").param("name", name)
                .param("id", journey.application(applicationId).organisationId()).update();
    }

    private static List<String> row(List<List<String>> rows, String reference) {
        return rows.stream().filter(r -> r.get(0).equals(reference)).findFirst().orElseThrow();
    }

    /** RFC 4180, strictly: quoted cells may hold commas, doubled quotes and line breaks; records end in CRLF. */
    static List<List<String>> parse(String csv) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        int i = 0;
        boolean quoted = false;
        while (i < csv.length()) {
            char c = csv.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < csv.length() && csv.charAt(i + 1) == '"') {
                    cell.append('"');
                    i += 2;
                    continue;
                }
                if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
                i++;
                continue;
            }
            if (c == '"') {
                if (cell.length() > 0) {
                    throw new IllegalArgumentException("a quote inside an unquoted cell at " + i);
                }
                quoted = true;
            } else if (c == ',') {
                row.add(cell.toString());
                cell.setLength(0);
            } else if (c == '\r' && i + 1 < csv.length() && csv.charAt(i + 1) == '\n') {
                row.add(cell.toString());
                cell.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
                i++;
            } else if (c == '\n' || c == '\r') {
                throw new IllegalArgumentException("a bare line break outside quotes at " + i);
            } else {
                cell.append(c);
            }
            i++;
        }
        if (quoted) {
            throw new IllegalArgumentException("an unclosed quote");
        }
        if (cell.length() > 0 || !row.isEmpty()) {
            row.add(cell.toString());
            rows.add(row);
        }
        return rows;
    }
}
