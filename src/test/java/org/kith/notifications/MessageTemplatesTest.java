package org.kith.notifications;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MvcResult;

/**
 * A fund's own wording of a message: edited, previewed and saved on a page, used by the Outbox, and never
 * evaluated: only {name} placeholders of the kind are replaced, in one pass, and everything else stays as typed.
 */
@KithTest
class MessageTemplatesTest {

    /** What template languages and expression evaluators would act on; here it is all just text. */
    static final String EXPRESSIONS = "${7*7} [[${7*7}]] #{home.title} *{title.length()} __${7*7}__ {0} {7*7}";

    @Autowired
    Journey journey;
    @Autowired
    TestData data;
    @Autowired
    StaffRequests staff;
    @Autowired
    MessageTemplates templates;
    @Autowired
    JdbcClient jdbc;

    CurrentUser manager;
    Fund fund;

    @BeforeEach
    void aFund() {
        manager = data.manager();
        fund = data.fund();
    }

    @Test
    void placeholdersAreFilledInOnePass_andNothingElseIsEvaluated() {
        MessageKinds.Kind offer = MessageKinds.find("OFFER_MADE").orElseThrow();
        MessageTemplates.Rendered rendered = MessageTemplates.render(offer, "Offer for {group} ${7*7}",
                "Dear {group}, " + EXPRESSIONS + " {amount} by {date}: {link}",
                Map.of("group", "{link} <script>", "amount", "£3,000.00", "date", "1 May 2027", "link", "https://k/1"));
        assertThat(rendered.subject()).isEqualTo("Offer for {link} <script> ${7*7}");
        assertThat(rendered.body()).isEqualTo("Dear {link} <script>, " + EXPRESSIONS
                + " £3,000.00 by 1 May 2027: https://k/1");
        assertThat(rendered.hasLink()).isTrue();
        assertThat(MessageTemplates.fill("{fund} {unknown}", Map.of("fund", "F"))).isEqualTo("F {unknown}");
        assertThat(MessageTemplates.render(offer, "A\r\nB {group}", "x {date}", Map.of("group", "G\nH")).subject())
                .as("a subject stays on one line").isEqualTo("A B G H");
    }

    @Test
    void theListShowsEachKindAndWhetherTheFundHasItsOwnWording() throws Exception {
        String list = staff.page(manager, "/staff/funds/" + fund.id() + "/messages", 200);
        assertThat(list).contains("Application received", "Question from the fund", "Offer of a grant",
                "Application declined", "Payment made", "Report due soon", "Report overdue",
                "/staff/funds/" + fund.id() + "/messages/OFFER_MADE").doesNotContain("This fund’s own");

        String edit = staff.page(manager, "/staff/funds/" + fund.id() + "/messages/OFFER_MADE", 200);
        assertThat(edit).contains("{group}", "{reference}", "{amount}", "{link}", "{date}", "{fund}",
                "the amount offered", "must be in the text", "Kith’s standard wording")
                .doesNotContain("{question}", "{reason}", "Use the standard wording");
        assertThat(staff.page(manager, "/staff/funds/" + fund.id() + "/messages/INFORMATION_REMINDER", 200))
                .doesNotContain("{amount}");
    }

    @Test
    void previewShowsTheMessageWithSampleValuesAsText() throws Exception {
        String page = StaffRequests.body(staff.post(manager, "/staff/funds/" + fund.id() + "/messages/OFFER_MADE",
                200, "action", "preview", "subject", "An offer for {group} ${7*7}",
                "body", "Hello <b>{group}</b>. " + EXPRESSIONS + "\n\nYou have until {date}. {amount} {link}"));
        String preview = page.substring(page.indexOf("id=\"preview\""), page.indexOf("Placeholders"));
        assertThat(preview).contains("An offer for Leith Lunch Club ${7*7}",
                "Hello &lt;b&gt;Leith Lunch Club&lt;/b&gt;. ", "[[${7*7}]]", "#{home.title}",
                "*{title.length()}", "__${7*7}__", "{0} {7*7}", "You have until 14 March 2027.", "£2,500.00",
                "/applications/123")
                .doesNotContain("49", "<b>");
        assertThat(templates.find(fund.id(), "OFFER_MADE")).as("a preview saves nothing").isEmpty();
    }

    @Test
    void unknownPlaceholdersAndMissingRequiredOnesAreFieldErrors_andWhatWasTypedStays() throws Exception {
        String path = "/staff/funds/" + fund.id() + "/messages/OFFER_MADE";
        String unknown = StaffRequests.body(staff.post(manager, path, 200, "action", "save",
                "subject", "Offer {grup}", "body", "We ask {question} by {date}"));
        assertThat(unknown).contains("There is a problem", "{grup} is not a placeholder of this message",
                "{question} is not a placeholder of this message", "Offer {grup}", "We ask {question} by {date}");
        String missing = StaffRequests.body(staff.post(manager, path, 200, "action", "preview",
                "subject", "An offer", "body", "You have an offer."));
        assertThat(missing).contains("The text must include {date}");
        String blank = StaffRequests.body(staff.post(manager, path, 200, "action", "save", "subject", " ",
                "body", ""));
        assertThat(blank).contains("Enter the subject of the message", "Enter the text of the message");
        assertThat(templates.find(fund.id(), "OFFER_MADE")).isEmpty();
    }

    @Test
    void theOutboxUsesTheFundsWording_withValuesAsPlainText_untilTheStandardWordingIsBack() throws Exception {
        String path = "/staff/funds/" + fund.id() + "/messages/OFFER_MADE";
        MvcResult saved = staff.post(manager, path, 302, "action", "save",
                "subject", "Good news for {group} ({reference})",
                "body", "Dear {group}, the {fund} offers {amount}. " + EXPRESSIONS + " Answer by {date}: {link}");
        assertThat(saved.getResponse().getRedirectedUrl()).isEqualTo("/staff/funds/" + fund.id() + "/messages");
        assertThat(templates.find(fund.id(), "OFFER_MADE")).isPresent();
        assertThat(auditCount(fund.id())).isEqualTo(1);
        assertThat(staff.page(manager, "/staff/funds/" + fund.id() + "/messages", 200)).contains("This fund’s own");
        assertThat(staff.page(manager, path, 200)).contains("Use the standard wording", "Good news for {group}");

        CurrentUser applicant = data.charityApplicant();
        String hostile = "<script>alert(1)</script> =HYPERLINK(\"http://evil.example\") {link}";
        jdbc.sql("UPDATE organisation SET name = :name WHERE id = :id").param("name", hostile)
                .param("id", applicant.organisationId()).update();
        long id = journey.offered(applicant, fund, "3000");
        String reference = journey.application(id).reference();

        Map<String, Object> message = notification(id, "OFFER_MADE");
        assertThat(message.get("subject")).isEqualTo("Good news for " + hostile + " (" + reference + ")");
        assertThat((String) message.get("body")).contains("Dear " + hostile + ", the " + fund.name()
                + " offers £3,000.00. " + EXPRESSIONS + " Answer by ", "/applications/" + id + "/offer")
                .doesNotContain("49", "See it in Kith");
        assertThat(((String) message.get("body")).split("/applications/" + id + "/offer", -1))
                .as("the link once, where {link} was").hasSize(2);

        staff.post(manager, path, 302, "action", "standard");
        assertThat(templates.find(fund.id(), "OFFER_MADE")).isEmpty();
        assertThat(auditCount(fund.id())).isEqualTo(2);
        long second = journey.offered(data.charityApplicant(), fund, "2000");
        assertThat((String) notification(second, "OFFER_MADE").get("body"))
                .contains("is offering you a grant of £2,000.00", "See it in Kith");
    }

    @Test
    void permissionsPerRoleAndFundLink() throws Exception {
        String list = "/staff/funds/" + fund.id() + "/messages";
        String edit = list + "/PAYMENT_MADE";
        for (Role role : List.of(Role.ASSESSOR, Role.FUNDER, Role.APPLICANT)) {
            CurrentUser someone = staff.withRole(role);
            staff.page(someone, list, 403);
            staff.page(someone, edit, 403);
            staff.post(someone, edit, 403, "action", "save", "subject", "Paid", "body", "{amount} paid");
        }
        CurrentUser elsewhere = data.managerOf(data.fund());
        staff.page(elsewhere, list, 403);
        staff.post(elsewhere, edit, 403, "action", "save", "subject", "Paid", "body", "{amount} paid");
        assertThat(templates.find(fund.id(), "PAYMENT_MADE")).isEmpty();

        staff.page(data.managerOf(fund), edit, 200);
        CurrentUser admin = staff.withRole(Role.ADMIN);
        staff.page(admin, list, 200);
        staff.post(admin, edit, 302, "action", "save", "subject", "Paid", "body", "{amount} paid");
        assertThat(templates.find(fund.id(), "PAYMENT_MADE")).isPresent();

        staff.page(manager, "/staff/funds/999999999/messages", 404);
        staff.page(manager, list + "/NO_SUCH_KIND", 404);
    }

    private Map<String, Object> notification(long applicationId, String kind) {
        return jdbc.sql("SELECT subject, body FROM notification WHERE application_id = :id AND kind = :kind "
                + "ORDER BY id").param("id", applicationId).param("kind", kind).query().listOfRows().get(0);
    }

    private int auditCount(long fundId) {
        return jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE action = 'MESSAGE_TEMPLATE_CHANGED' AND detail LIKE :f")
                .param("f", "%(fund " + fundId + ")%").query(Integer.class).single();
    }
}
