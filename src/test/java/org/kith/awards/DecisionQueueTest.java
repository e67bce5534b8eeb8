package org.kith.awards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kith.support.StaffRequests.as;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kith.applications.Application;
import org.kith.applications.ApplicationStatus;
import org.kith.applications.Route;
import org.kith.funds.Fund;
import org.kith.identity.CurrentUser;
import org.kith.support.Assessed;
import org.kith.support.Journey;
import org.kith.support.KithTest;
import org.kith.support.TestData;
import org.kith.workflow.TaskKeys;
import org.kith.workflow.WorkflowTasks;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.parser.PdfTextExtractor;

/**
 * The fund manager's decision pages as a browser posts them: the ranked queue with its disagreement flag, the
 * budget worked out on the server from the ticked rows, batch and one-by-one decisions, what happens when someone
 * else got there first, and who may see what.
 */
@KithTest
class DecisionQueueTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    Journey journey;
    @Autowired
    TestData data;
    @Autowired
    Assessed assessed;
    @Autowired
    WorkflowTasks tasks;
    @Autowired
    AwardRecords awards;
    @Autowired
    JdbcClient jdbc;

    CurrentUser manager;
    Fund fund;

    @BeforeEach
    void aFundAndItsManager() {
        manager = data.manager();
        fund = fundWithReasons("20000");
    }

    // ---- The queue ---------------------------------------------------------------------------------------------

    @Test
    void theQueueIsRankedByMeanScoreWithLargeDisagreementsFlagged() throws Exception {
        long a = assessed("6000", 4, 4);   // 80, 80: mean 80
        long b = assessed("6000", 5, 2);   // 100, 40: mean 70, 60 points apart
        long c = assessed("6000", 3, 3);   // 60
        long d = assessed("6000", 4, 3);   // 80, 60: mean 70, 20 points apart; received after b

        String page = html(get(queueUrl()).with(as(manager)), 200);

        assertThat(order(page, a, b, d, c)).isTrue();
        assertThat(page).contains("80%", "70%", "60%", "Scores disagree", "25 percentage points or more apart",
                "Ranked by the mean of the assessors’ weighted scores", "Large Leith Lunch Club");
        assertThat(page.split("govuk-tag--orange").length - 1).as("one flagged application").isEqualTo(1);
        assertThat(page).contains("/staff/applications/" + a + "/decide", "/staff/funds/" + fund.id()
                + "/panel-pack.pdf");
    }

    @Test
    void scoredApplicationsComeFirstThenTheUnscoredOldestFirst() {
        DecisionQueue.Item unscoredOld = item(1, null, LocalDateTime.of(2027, 1, 1, 9, 0));
        DecisionQueue.Item unscoredNew = item(2, null, LocalDateTime.of(2027, 2, 1, 9, 0));
        DecisionQueue.Item low = item(3, "41.00", LocalDateTime.of(2027, 3, 1, 9, 0));
        DecisionQueue.Item high = item(4, "90.00", LocalDateTime.of(2027, 3, 2, 9, 0));
        DecisionQueue.Item highEarlier = item(5, "90.00", LocalDateTime.of(2027, 1, 2, 9, 0));

        List<DecisionQueue.Item> ranked = new ArrayList<>(List.of(unscoredNew, low, unscoredOld, high, highEarlier));
        ranked.sort(DecisionQueue.RANKING);

        assertThat(ranked).extracting(DecisionQueue.Item::id).containsExactly(5L, 4L, 3L, 1L, 2L);
    }

    @Test
    void budgetLeftIfTheTickedAreAwardedIsWorkedOutOnTheServer() throws Exception {
        long awarded = assessed("6000", 4, 4);
        journey.complete(manager, awarded, TaskKeys.DECIDE_APPLICATION,
                Map.of("outcome", "AWARD", "amountAwarded", new BigDecimal("6000")));
        long a = assessed("6000", 4, 4);
        long b = assessed("9000", 3, 3);

        String none = html(get(queueUrl()).with(as(manager)), 200);
        assertThat(none).contains("£20,000", "£6,000", "£14,000", "Budget left if you award these: £14,000")
                .doesNotContain("kith-overspent\"");

        String one = html(get(queueUrl()).param("app", String.valueOf(a)).with(as(manager)), 200);
        assertThat(one).contains("Ticked: 1 application asking for £6,000 in total.",
                "Budget left if you award these: £8,000");

        String both = html(get(queueUrl()).param("app", String.valueOf(a), String.valueOf(b), "999999999")
                .with(as(manager)), 200);
        assertThat(both).contains("Ticked: 2 applications asking for £15,000 in total.",
                "Budget left if you award these: -£1,000", "kith-overspent", "That is more than the fund has left.");
        assertThat(both).containsPattern("value=\"" + a + "\"\\s+data-amount=\"[0-9.]+\" checked")
                .containsPattern("value=\"" + b + "\"\\s+data-amount=\"[0-9.]+\" checked");
    }

    // ---- Batches -----------------------------------------------------------------------------------------------

    @Test
    void aBatchAwardDecidesEachOneAndReportsThoseSomeoneElseGotFirst() throws Exception {
        long x = assessed("3000", 4);
        long y = assessed("3000", 4);
        long z = assessed("3000", 4);
        CurrentUser colleague = data.manager();
        tasks.claim(colleague, journey.one(z, TaskKeys.DECIDE_APPLICATION).getId());

        String confirm = html(get(queueUrl() + "/batch").param("action", "award")
                .param("app", ids(x, y, z)).with(as(manager)), 200);
        assertThat(confirm).contains("Award these applications at the amounts asked?", "£9,000", "£11,000",
                "Yes, award 3 applications", journey.application(x).reference());

        journey.complete(colleague, y, TaskKeys.DECIDE_APPLICATION,
                Map.of("outcome", "DECLINE", "reason", "Decided by a colleague meanwhile."));

        String done = batch("award", Map.of(), x, y, z);
        assertThat(done).contains("Decisions made", "Awarded (1)", journey.application(x).reference(),
                "Total awarded: £3,000", "Not decided (2)", "Already decided", "Another fund manager has taken");
        assertThat(journey.status(x)).isEqualTo(ApplicationStatus.OFFERED);
        assertThat(journey.application(x).amountAwarded()).isEqualByComparingTo("3000");
        assertThat(journey.status(y)).isEqualTo(ApplicationStatus.DECLINED);
        assertThat(journey.status(z)).isEqualTo(ApplicationStatus.AWAITING_DECISION);
        assertThat(auditDetails(x, "DECISION_AWARD")).containsExactly("Awarded 3000.00. (Decided in a batch of 3.)");

        String again = batch("award", Map.of(), x);
        assertThat(again).contains("Awarded (0)", "None were decided.", "Already decided");
        assertThat(auditDetails(x, "DECISION_AWARD")).hasSize(1);
    }

    @Test
    void aBatchDeclineNeedsAReasonAndTellsEachGroupTheTemplateAndWhatWasAdded() throws Exception {
        long x = assessed("3000", 2);
        long y = assessed("3000", 1);

        String noReason = html(post(queueUrl() + "/batch").param("action", "decline").param("app", ids(x, y))
                .with(as(manager)).with(csrf()), 200);
        assertThat(noReason).contains("There is a problem", "Choose a reason or write one", "Decline these applications?",
                "Strong, but the fund is oversubscribed");
        assertThat(journey.status(x)).isEqualTo(ApplicationStatus.AWAITING_DECISION);

        String done = batch("decline", Map.of("reasonKey", "oversubscribed", "reasonText", "Try the <b>spring</b> round."),
                x, y);
        assertThat(done).contains("Declined (2)").doesNotContain("Not decided");
        assertThat(journey.status(x)).isEqualTo(ApplicationStatus.DECLINED);
        assertThat(awards.latestDecision(y).orElseThrow().reason())
                .startsWith("Your application met our criteria")
                .endsWith("\n\nTry the <b>spring</b> round.");
        assertThat(auditDetails(y, "DECISION_DECLINE").get(0)).endsWith("(Decided in a batch of 2.)");
    }

    @Test
    void aBatchWithNothingTickedSaysSo() throws Exception {
        assessed("3000", 4);
        String page = html(get(queueUrl() + "/batch").param("action", "award").with(as(manager)), 200);
        assertThat(page).contains("There is a problem", "Tick at least one application", "Decisions waiting");
    }

    // ---- One at a time -----------------------------------------------------------------------------------------

    @Test
    void oneApplicationCanBeAwardedLessThanItAskedFor() throws Exception {
        long id = assessed("6000", 4, 3);

        String page = html(get(decideUrl(id)).with(as(manager)), 200);
        assertThat(page).contains("Weekly lunch club", "value=\"6000\"", "They asked for £6,000",
                "Need and reach", "4 out of 5", "Clear need, realistic plan.", "Award a grant",
                "Ask the group a question", "Strong, but the fund is oversubscribed");

        String tooMuch = html(decide(id, "award", Map.of("amount", "7000")), 200);
        assertThat(tooMuch).contains("There is a problem", "cannot be more than", "value=\"7000\"");
        assertThat(html(decide(id, "award", Map.of("amount", "lots")), 200))
                .contains("Enter the amount in pounds, like 2500 or 2500.50");

        mvc.perform(decide(id, "award",
                Map.of("amount", "£4,500.50", "conditions", "Spend at least half on transport.")))
                .andExpect(redirectedUrl(queueUrl()));
        assertThat(awards.award(id).orElseThrow().conditions()).startsWith("Spend the grant on the project")
                .endsWith("\n\nSpend at least half on transport.");
        assertThat(journey.status(id)).isEqualTo(ApplicationStatus.OFFERED);
        assertThat(journey.application(id).amountAwarded()).isEqualByComparingTo("4500.50");
        assertThat(auditDetails(id, "DECISION_AWARD")).containsExactly("Awarded 4500.50.");
    }

    @Test
    void declineNeedsAReasonAndAQuestionNeedsWords() throws Exception {
        long id = assessed("3000", 3);

        String noReason = html(decide(id, "decline", Map.of("reasonText", "  ")), 200);
        assertThat(noReason).contains("There is a problem", "Choose a reason or write one", "href=\"#reasonKey\"");
        String noQuestion = html(decide(id, "question", Map.of("question", "")), 200);
        assertThat(noQuestion).contains("Write the question the group needs to answer.", "href=\"#question\"");
        assertThat(journey.status(id)).isEqualTo(ApplicationStatus.AWAITING_DECISION);

        mvc.perform(decide(id, "question", Map.of("question", "Who runs the kitchen?")))
                .andExpect(redirectedUrl(queueUrl()));
        assertThat(journey.status(id)).isEqualTo(ApplicationStatus.INFORMATION_REQUESTED);
    }

    @Test
    void aTypedReasonAloneIsEnoughToDecline() throws Exception {
        long id = assessed("3000", 1);
        mvc.perform(decide(id, "decline", Map.of("reasonText", "We funded similar work nearby.")))
                .andExpect(redirectedUrl(queueUrl()));
        assertThat(awards.latestDecision(id).orElseThrow().reason()).isEqualTo("We funded similar work nearby.");
    }

    @Test
    void anApplicationAlreadyDecidedSaysSo() throws Exception {
        long id = assessed("3000", 4);
        journey.complete(data.manager(), id, TaskKeys.DECIDE_APPLICATION,
                Map.of("outcome", "AWARD", "amountAwarded", new BigDecimal("3000")));

        assertThat(html(get(decideUrl(id)).with(as(manager)), 200))
                .contains("This application has already been decided", "awarded by");
        assertThat(html(decide(id, "award", Map.of("amount", "3000")), 200))
                .contains("This application has already been decided", "Nothing was changed.");
        assertThat(auditDetails(id, "DECISION_AWARD")).hasSize(1);
    }

    // ---- The funds and the panel pack --------------------------------------------------------------------------

    @Test
    void theFundsPageListsWhatWaitsAndTheMoney() throws Exception {
        assessed("3000", 4);
        assessed("3000", 4);
        CurrentUser linked = data.managerOf(fund);

        String page = html(get("/staff/decisions").with(as(linked)), 200);
        assertThat(page).contains(fund.name(), "/staff/funds/" + fund.id() + "/decisions\"", "£20,000",
                "data-label=\"Waiting for a decision\">2<");
        assertThat(page.split("href=\"/staff/funds/").length - 1).as("only the fund this manager is linked to")
                .isEqualTo(1);
    }

    @Test
    void thePanelPackHoldsEveryApplicationWithItsScores() throws Exception {
        long a = assessed("6000", 5, 2);
        long b = assessed("6000", 4, 4);

        MvcResult result = mvc.perform(get("/staff/funds/" + fund.id() + "/panel-pack.pdf").with(as(manager)))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Type", "application/pdf"))
                .andExpect(header().string("Content-Disposition",
                        "attachment; filename=\"panel-pack-" + fund.slug() + ".pdf\""))
                .andReturn();
        PdfReader reader = new PdfReader(result.getResponse().getContentAsByteArray());
        try {
            StringBuilder text = new StringBuilder();
            for (int p = 1; p <= reader.getNumberOfPages(); p++) {
                text.append(new PdfTextExtractor(reader).getTextFromPage(p)).append(' ');
            }
            String all = text.toString().replaceAll("\\s+", " ");
            assertThat(all).contains(journey.application(a).reference(), journey.application(b).reference(),
                    "100.00%", "40.00%", "80.00%", "Scores disagree", "Older people living alone in Leith",
                    "Need and reach", "Clear need, realistic plan.", "Large Leith Lunch Club");
            assertThat(all.indexOf(journey.application(b).reference()))
                    .isLessThan(all.indexOf(journey.application(a).reference()));
            assertThat(reader.getNumberOfPages()).isBetween(3, 10);
        } finally {
            reader.close();
        }
    }

    // ---- Who may ----------------------------------------------------------------------------------------------

    @Test
    void onlyTheFundsManagersDecideAdminsLookAndEveryoneElseIsRefused() throws Exception {
        long id = assessed("3000", 4);
        CurrentUser assessor = data.assessor();
        CurrentUser funder = data.funderOf(fund);
        CurrentUser applicant = data.charityApplicant();
        CurrentUser admin = data.admin();
        CurrentUser otherFundsManager = data.managerOf(fundWithReasons("10000"));
        CurrentUser thisFundsManager = data.managerOf(fund);

        for (CurrentUser refused : List.of(assessor, funder, applicant)) {
            for (String url : List.of("/staff/decisions", queueUrl(), decideUrl(id),
                    "/staff/funds/" + fund.id() + "/panel-pack.pdf")) {
                mvc.perform(get(url).with(as(refused))).andExpect(status().isForbidden());
            }
            mvc.perform(post(queueUrl() + "/batch").param("action", "award").param("app", String.valueOf(id))
                    .with(as(refused)).with(csrf())).andExpect(status().isForbidden());
        }
        for (String url : List.of(queueUrl(), decideUrl(id), queueUrl() + "/batch?action=award&app=" + id,
                "/staff/funds/" + fund.id() + "/panel-pack.pdf")) {
            mvc.perform(get(url).with(as(otherFundsManager))).andExpect(status().isNotFound());
        }
        mvc.perform(post(queueUrl() + "/batch").param("action", "award").param("app", String.valueOf(id))
                .with(as(otherFundsManager)).with(csrf())).andExpect(status().isNotFound());
        mvc.perform(post(decideUrl(id)).param("outcome", "award").param("amount", "3000")
                .with(as(otherFundsManager)).with(csrf())).andExpect(status().isNotFound());
        mvc.perform(get("/staff/funds/999999999/decisions").with(as(manager))).andExpect(status().isNotFound());

        assertThat(html(get(queueUrl()).with(as(admin)), 200)).contains(journey.application(id).reference(),
                "You can look at this queue").doesNotContain("Award ticked at the amounts asked");
        mvc.perform(get("/staff/funds/" + fund.id() + "/panel-pack.pdf").with(as(admin)))
                .andExpect(status().isOk());
        assertThat(html(get("/staff/decisions").with(as(admin)), 200)).contains(fund.name());
        mvc.perform(get(decideUrl(id)).with(as(admin))).andExpect(status().isForbidden());
        mvc.perform(post(queueUrl() + "/batch").param("action", "award").param("app", String.valueOf(id))
                .with(as(admin)).with(csrf())).andExpect(status().isForbidden());

        assertThat(html(get(queueUrl()).with(as(thisFundsManager)), 200)).contains("Award ticked at the amounts asked");
        assertThat(html(get("/staff/decisions").with(as(otherFundsManager)), 200))
                .doesNotContain("/staff/funds/" + fund.id() + "/decisions\"");
        assertThat(journey.status(id)).isEqualTo(ApplicationStatus.AWAITING_DECISION);
    }

    // ---- Helpers -----------------------------------------------------------------------------------------------

    private Fund fundWithReasons(String budget) {
        return assessed.fundWithDeclineReasons(budget);
    }

    /** Submitted by a group with a recognisable name and scored: see {@link Assessed#application}. */
    private long assessed(String amount, int... scores) {
        CurrentUser applicant = data.charityApplicant();
        jdbc.sql("UPDATE organisation SET name = :name WHERE id = :id")
                .param("name", "Large Leith Lunch Club " + applicant.organisationId())
                .param("id", applicant.organisationId()).update();
        return assessed.application(applicant, fund, amount, scores);
    }

    private String batch(String action, Map<String, String> extra, long... ids) throws Exception {
        MockHttpServletRequestBuilder request = post(queueUrl() + "/batch").param("action", action)
                .param("app", ids(ids)).with(as(manager)).with(csrf());
        extra.forEach(request::param);
        MvcResult result = mvc.perform(request).andExpect(redirectedUrl(queueUrl() + "/done")).andReturn();
        // the flash attribute lives in Kith's own (JDBC) session: follow the redirect in it, as a browser does
        return html(get(queueUrl() + "/done").cookie(result.getResponse().getCookies()).with(as(manager)), 200);
    }

    private MockHttpServletRequestBuilder decide(long id, String outcome, Map<String, String> fields) {
        MockHttpServletRequestBuilder request = post(decideUrl(id)).param("outcome", outcome)
                .with(as(manager)).with(csrf());
        fields.forEach(request::param);
        return request;
    }

    private List<String> auditDetails(long id, String action) {
        return jdbc.sql("SELECT detail FROM audit_event WHERE application_id = :id AND action = :action ORDER BY id")
                .param("id", id).param("action", action).query(String.class).list();
    }

    private String queueUrl() {
        return "/staff/funds/" + fund.id() + "/decisions";
    }

    private static String decideUrl(long id) {
        return "/staff/applications/" + id + "/decide";
    }

    private static String[] ids(long... ids) {
        return java.util.Arrays.stream(ids).mapToObj(String::valueOf).toArray(String[]::new);
    }

    private boolean order(String page, long... ids) {
        int last = -1;
        for (long id : ids) {
            int at = page.indexOf("value=\"" + id + "\"");
            if (at <= last) {
                return false;
            }
            last = at;
        }
        return true;
    }

    private static DecisionQueue.Item item(long id, String mean, LocalDateTime received) {
        Application app = new Application(id, "KITH-" + id, 1, 1, "x", "t", "s", new BigDecimal("1000"), null,
                Map.of(), ApplicationStatus.AWAITING_DECISION, Route.LIGHT_TOUCH, List.of(), "p" + id, received,
                received, received);
        return new DecisionQueue.Item(app, "g", List.of(), mean == null ? null : new BigDecimal(mean), false, null);
    }

    private String html(MockHttpServletRequestBuilder request, int expected) throws Exception {
        return mvc.perform(request).andExpect(status().is(expected)).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
    }
}
