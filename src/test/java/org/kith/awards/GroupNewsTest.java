package org.kith.awards;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.flowable.engine.RuntimeService;
import org.flowable.engine.TaskService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kith.applications.Application;
import org.kith.funds.Fund;
import org.kith.identity.CurrentUser;
import org.kith.support.Journey;
import org.kith.support.KithTest;
import org.kith.support.TestData;
import org.kith.workflow.TaskKeys;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Each decision the fund makes reaches every member of the group as a message in the outbox, saying what was
 * decided, why where there is a reason, and what to do next, so nobody has to log in to find out.
 */
@KithTest
class GroupNewsTest {

    record News(String kind, String recipient, String subject, String body) {
    }

    @Autowired
    Journey journey;
    @Autowired
    TestData data;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Variations variations;
    @Autowired
    RuntimeService runtime;
    @Autowired
    TaskService engineTasks;
    @Value("${kith.public-url:http://localhost:8080}")
    String publicUrl;

    CurrentUser applicant;
    CurrentUser secondMember;
    CurrentUser manager;
    Fund fund;

    @BeforeEach
    void aGroupOfTwo() {
        applicant = data.charityApplicant();
        secondMember = data.memberOf(applicant.organisationId());
        manager = data.manager();
        fund = data.fund();
    }

    @Test
    void aDeclineTellsEveryMemberWhy() {
        Application application = assessed("3000");

        decide(application, Map.of("outcome", "DECLINE", "reason", "The fund is fully committed this year."));

        List<News> news = news(application.id(), "APPLICATION_DECLINED");
        assertThat(news).extracting(News::recipient)
                .containsExactlyInAnyOrder(applicant.username(), secondMember.username());
        assertThat(news.get(0).subject())
                .isEqualTo("The decision on your application (" + application.reference() + ")");
        assertThat(news.get(0).body()).contains(fund.name(), application.title(),
                "The reason: The fund is fully committed this year.", link(application.id(), ""));
    }

    @Test
    void aQuestionIsSentWithTheTimeLeftToAnswerIt() {
        Application application = assessed("3000");

        decide(application, Map.of("outcome", "REQUEST_INFORMATION", "question", "Who runs the kitchen?"));

        assertThat(news(application.id(), "INFORMATION_REQUESTED")).hasSize(2).first().satisfies(n ->
                assertThat(n.body()).contains("Who runs the kitchen?",
                        "within " + fund.timeLimits().informationLapseDays() + " days", "lapses",
                        link(application.id(), "/question")));
    }

    @Test
    void anOfferSaysHowMuchAndByWhenToAnswer() {
        long id = journey.offered(applicant, fund, "2500");

        String respondBy = LocalDate.now().plusDays(fund.timeLimits().offerAcceptanceDays())
                .format(DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.UK));
        assertThat(news(id, "OFFER_MADE")).hasSize(2).first().satisfies(n -> {
            assertThat(n.subject()).startsWith("An offer of a grant for your project");
            assertThat(n.body()).contains("£2,500.00", "accept or decline the offer by " + respondBy,
                    link(id, "/offer"));
        });
    }

    @Test
    void acceptingTheOfferBringsThePaymentPlanAndTheReportDate_andEachPaymentIsAnnounced() {
        long id = journey.funded(applicant, fund, "3000");

        String reportDue = LocalDate.now().plusDays(fund.reporting().dueAfterDays())
                .format(DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.UK));
        assertThat(news(id, "GRANT_STARTED")).hasSize(2).first().satisfies(n ->
                assertThat(n.body()).contains("£3,000.00 due", "report is due on " + reportDue, link(id, "")));

        journey.complete(manager, id, TaskKeys.RECORD_PAYMENT, Map.of("paid", true));
        assertThat(news(id, "PAYMENT_MADE")).hasSize(2).first().satisfies(n ->
                assertThat(n.body()).contains("has paid £3,000.00", link(id, "")));
    }

    @Test
    void reportFeedbackAndAcceptanceReachTheGroup() {
        long id = journey.funded(applicant, fund, "3000");
        Map<String, Object> report = Map.of("whatWeDid", "Forty lunches", "differenceItMade", "Friendships",
                "whatWeLearned", "Tuesdays suit best", "peopleReached", 37, "amountSpent", new BigDecimal("2950.00"));
        journey.complete(applicant, id, TaskKeys.SUBMIT_REPORT, report);
        journey.complete(manager, id, TaskKeys.REVIEW_REPORT,
                Map.of("outcome", "REQUEST_CHANGES", "feedback", "Please add how many people came."));

        assertThat(news(id, "REPORT_CHANGES_REQUESTED")).hasSize(2).first()
                .satisfies(n -> assertThat(n.body()).contains("Please add how many people came.", link(id, "/report")));

        journey.complete(applicant, id, TaskKeys.SUBMIT_REPORT, report);
        journey.complete(manager, id, TaskKeys.REVIEW_REPORT, Map.of("outcome", "ACCEPT"));
        assertThat(news(id, "REPORT_ACCEPTED")).hasSize(2).first()
                .satisfies(n -> assertThat(n.body()).contains(link(id, "")));
    }

    @Test
    void aVariationOutcomeLinksToTheApplication() {
        long id = journey.funded(applicant, fund, "3000");
        long variationId = variations.request(id, "Move the lunches to Wednesdays", null, applicant.username());
        runtime.createProcessInstanceBuilder().processDefinitionKey("grantVariation").businessKey(Long.toString(id))
                .variable("applicationId", id).variable("variationId", variationId).start();
        journey.complete(manager, engineTasks.createTaskQuery().processInstanceBusinessKey(Long.toString(id))
                .taskDefinitionKey(TaskKeys.REVIEW_VARIATION).singleResult(), Map.of("approve", false, "reason", "Not now."));

        assertThat(news(id, "VARIATION_REFUSED")).hasSize(2).first()
                .satisfies(n -> assertThat(n.body()).contains("Not now.", link(id, "")));
    }

    /** Every message ends with the page to act on, whole: "See it in Kith: http://.../applications/12/offer". */
    private String link(long applicationId, String page) {
        return "See it in Kith: " + publicUrl + "/applications/" + applicationId + page + "\n";
    }

    private Application assessed(String amount) {
        Application application = journey.submitted(applicant, fund, amount);
        journey.assessAll(application.id());
        return application;
    }

    private void decide(Application application, Map<String, Object> form) {
        journey.complete(manager, application.id(), TaskKeys.DECIDE_APPLICATION, form);
    }

    private List<News> news(long applicationId, String kind) {
        return jdbc.sql("""
                SELECT kind, recipient, subject, body FROM notification
                WHERE application_id = :id AND kind = :kind ORDER BY id""")
                .param("id", applicationId).param("kind", kind).query(News.class).list();
    }
}
