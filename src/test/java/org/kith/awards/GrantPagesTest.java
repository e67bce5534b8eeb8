package org.kith.awards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.flowable.engine.TaskService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kith.applications.ApplicationStatus;
import org.kith.funds.Fund;
import org.kith.identity.CurrentUser;
import org.kith.support.Journey;
import org.kith.support.KithTest;
import org.kith.support.TestData;
import org.kith.web.Formats;
import org.kith.workflow.TaskKeys;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The group's pages after submission, walked through the whole lifecycle: the fund's side moves on through the
 * services (Journey), the group's side through the pages, as a browser would post them.
 */
@KithTest
class GrantPagesTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    Journey journey;
    @Autowired
    TestData data;
    @Autowired
    AwardRecords awards;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TaskService engineTasks;

    final Formats fmt = new Formats();
    CurrentUser applicant;
    CurrentUser manager;
    Fund fund;

    @BeforeEach
    void aGroupAndAFund() {
        applicant = data.charityApplicant();
        manager = data.manager();
        fund = data.fund();
    }

    @Test
    void fromSentToAnsweredQuestionToAcceptedOffer() throws Exception {
        long id = journey.submitted(applicant, fund, "3000").id();

        assertThat(page(id)).contains("Weekly lunch club", journey.application(id).reference(), fund.name(),
                "£3,000", "Being assessed", "Sent to the " + fund.name(),
                "Being assessed by one person (light touch)", "kith-timeline__item--next",
                "/applications/" + id + "/withdraw");

        journey.assessAll(id);
        journey.complete(manager, id, TaskKeys.DECIDE_APPLICATION,
                Map.of("outcome", "REQUEST_INFORMATION", "question", "Who runs the <b>kitchen</b>?"));
        assertThat(page(id)).contains("Question for you", "Answer the question", "/applications/" + id + "/question",
                "The fund asked you a question", "Who runs the &lt;b&gt;kitchen&lt;/b&gt;?")
                .doesNotContain("<b>kitchen</b>");

        String question = show(id, "/question");
        assertThat(question).contains("Answer the fund’s question", "Who runs the &lt;b&gt;kitchen&lt;/b&gt;?",
                "name=\"answer\"", "for=\"answer\"");

        String empty = html(send(id, "/question").param("answer", "  "));
        assertThat(empty).contains("<title>Error: Answer the fund’s question", "href=\"#answer\"",
                "Enter your answer to the fund’s question");

        String tooLong = "a".repeat(10_001);
        assertThat(html(send(id, "/question").param("answer", tooLong)))
                .contains("10,000 characters or fewer", tooLong);

        mvc.perform(send(id, "/question").param("answer", "<script>alert(1)</script> Our volunteers"))
                .andExpect(redirectedUrl("/applications/" + id + "/question/sent"));
        assertThat(show(id, "/question/sent")).contains("Your answer has been sent");
        assertThat(page(id)).contains("You answered the question",
                "&lt;script&gt;alert(1)&lt;/script&gt; Our volunteers").doesNotContain("<script>alert");

        assertThat(html(send(id, "/question").param("answer", "Again"))).contains(
                "This question has already been answered", "nothing more was sent",
                "&lt;script&gt;alert(1)&lt;/script&gt; Our volunteers");
        assertThat(audited(id, "INFORMATION_PROVIDED")).isEqualTo(1);

        journey.complete(manager, id, TaskKeys.DECIDE_APPLICATION,
                Map.of("outcome", "AWARD", "amountAwarded", new BigDecimal("2500")));
        assertThat(page(id)).contains("Offer waiting for you", "The fund offered you £2,500",
                "Your offer letter is being prepared");
        assertThat(show(id, "/offer")).contains("Your offer letter is being prepared. Refresh this page")
                .doesNotContain("name=\"answer\"");
        mvc.perform(get("/applications/" + id + "/offer-letter.pdf").with(as(applicant)))
                .andExpect(status().isNotFound());

        journey.runJobs(id);
        String respondBy = fmt.date(awards.award(id).orElseThrow().respondBy());
        assertThat(page(id)).contains("Accept or turn down the offer of £2,500", "By " + respondBy,
                "See the offer", "Read the offer letter (PDF)");
        assertThat(show(id, "/offer")).contains("£2,500", respondBy, "Spend the grant on the project",
                "/applications/" + id + "/offer-letter.pdf", "name=\"answer\"", "name=\"reason\"");
        mvc.perform(get("/applications/" + id + "/offer-letter.pdf").with(as(applicant)))
                .andExpect(status().isOk()).andExpect(header().string("Content-Type", "application/pdf"));

        assertThat(html(send(id, "/offer"))).contains("<title>Error: Your offer of a grant",
                "Select yes if you accept the offer", "href=\"#answer\"");

        mvc.perform(send(id, "/offer").param("answer", "accept"))
                .andExpect(redirectedUrl("/applications/" + id + "/offer/answered"));
        assertThat(show(id, "/offer/answered")).contains("Offer accepted", "£2,500, due on",
                "Your end-of-grant report is due by");
        assertThat(html(send(id, "/offer").param("answer", "decline"))).contains(
                "This offer has already been answered", "Your group accepted the offer of £2,500.");
        assertThat(audited(id, "OFFER_ACCEPTED")).isEqualTo(1);
        assertThat(audited(id, "OFFER_TURNED_DOWN")).isZero();
        assertThat(journey.status(id)).isEqualTo(ApplicationStatus.FUNDED);

        String funded = page(id);
        assertThat(funded).contains("Grant running", "You accepted the offer", "Your grant started", "Payments",
                "Due on", "Write your report", "Ask for a change to your grant")
                .doesNotContain("Withdraw this application");
    }

    @Test
    void paymentsReportDraftsFeedbackAndClose() throws Exception {
        long id = journey.funded(applicant, fund, "3000");

        journey.complete(manager, id, TaskKeys.RECORD_PAYMENT, Map.of("paid", true));
        assertThat(page(id)).contains("Payment of £3,000 made", "Paid on");

        String form = show(id, "/report");
        assertThat(form).contains("Your end-of-grant report", "What did you do?", "What difference did it make?",
                "What did you learn?", "How many people took part or benefited?", "Save and come back later",
                "Send report");

        mvc.perform(send(id, "/report").param("action", "save").param("whatWeDid", "Forty <em>lunches</em>")
                .param("peopleReached", "about forty"))
                .andExpect(redirectedUrl("/applications/" + id + "/report/saved"));
        assertThat(show(id, "/report/saved")).contains("Your report has been saved");
        assertThat(journey.open(id, TaskKeys.SUBMIT_REPORT)).as("a draft completes nothing").hasSize(1);
        assertThat(show(id, "/report")).contains("Forty &lt;em&gt;lunches&lt;/em&gt;", "about forty",
                "not sent yet");

        String errors = html(send(id, "/report").param("action", "send").param("whatWeDid", "Forty lunches")
                .param("peopleReached", "about forty"));
        assertThat(errors).contains("<title>Error:", "Tell us the difference it made", "Tell us what you learned",
                "Enter the number of people as a whole number", "Enter how much of the grant you spent");
        assertThat(errors.indexOf("#differenceItMade")).isLessThan(errors.indexOf("#whatWeLearned"));
        assertThat(errors.indexOf("#whatWeLearned")).isLessThan(errors.indexOf("#peopleReached"));
        assertThat(errors.indexOf("#peopleReached")).isLessThan(errors.indexOf("#amountSpent"));

        mvc.perform(fullReport(id)).andExpect(redirectedUrl("/applications/" + id + "/report/sent"));
        assertThat(show(id, "/report/sent")).contains("Your report has been sent");
        assertThat(html(fullReport(id))).contains("This report had already been sent", "Forty lunches");
        assertThat(audited(id, "REPORT_SUBMITTED")).isEqualTo(1);
        assertThat(page(id)).contains("You sent your end-of-grant report", "The fund is reading your report");

        journey.complete(manager, id, TaskKeys.REVIEW_REPORT,
                Map.of("outcome", "REQUEST_CHANGES", "feedback", "Please add how many <i>volunteers</i> helped."));
        assertThat(show(id, "/report")).contains("The fund asked for changes",
                "Please add how many &lt;i&gt;volunteers&lt;/i&gt; helped.", "Forty lunches", "2950.00");
        assertThat(page(id)).contains("The fund asked for changes to your report", "Change your report",
                "Please add how many &lt;i&gt;volunteers&lt;/i&gt; helped.");

        mvc.perform(fullReport(id)).andExpect(redirectedUrl("/applications/" + id + "/report/sent"));
        journey.complete(manager, id, TaskKeys.REVIEW_REPORT, Map.of("outcome", "ACCEPT"));
        assertThat(journey.status(id)).isEqualTo(ApplicationStatus.CLOSED);
        assertThat(page(id)).contains("Grant finished", "The fund accepted your report", "Your grant is finished")
                .doesNotContain("kith-timeline__item--next", "Ask for a change to your grant");
        assertThat(show(id, "/report")).contains("The fund has accepted this report");
    }

    @Test
    void changesAreAskedForOneAtATimeAndListedWithTheirAnswers() throws Exception {
        long id = journey.funded(applicant, fund, "3000");

        assertThat(show(id, "/variations/new")).contains("Ask for a change to your grant", "name=\"description\"",
                "The grant is £3,000 now");
        assertThat(html(send(id, "/variations/new").param("newAmount", "lots"))).contains("<title>Error:",
                "Describe the change you are asking for", "Enter the new amount in pounds", "lots");

        mvc.perform(send(id, "/variations/new").param("description", "Move the lunches to <b>Wednesdays</b>"))
                .andExpect(redirectedUrl("/applications/" + id + "/variations/sent"));
        assertThat(show(id, "/variations/sent")).contains("Your request has been sent");
        assertThat(show(id, "/variations/new")).contains("You are waiting for an answer about a change")
                .doesNotContain("name=\"description\"");
        assertThat(page(id)).contains("Changes you asked for", "Move the lunches to &lt;b&gt;Wednesdays&lt;/b&gt;",
                "Being reviewed", "The fund is considering the change you asked for");

        journey.complete(manager, engineTasks.createTaskQuery().processInstanceBusinessKey(Long.toString(id))
                .taskDefinitionKey(TaskKeys.REVIEW_VARIATION).singleResult(),
                Map.of("approve", false, "reason", "The hall is booked on Wednesdays."));
        assertThat(page(id)).contains("Not agreed", "The hall is booked on Wednesdays.",
                "The fund did not agree to the change you asked for", "Ask for a change to your grant");
    }

    @Test
    void aChangeCanBeAskedForOnlyWhileTheGrantRuns() throws Exception {
        long id = journey.submitted(applicant, fund, "3000").id();
        mvc.perform(get("/applications/" + id + "/variations/new").with(as(applicant)))
                .andExpect(status().isConflict());
        mvc.perform(send(id, "/variations/new").param("description", "Anything")).andExpect(status().isConflict());
    }

    @Test
    void withdrawingAsksFirstAndOnlyBeforeADecision() throws Exception {
        long id = journey.submitted(applicant, fund, "3000").id();
        assertThat(show(id, "/withdraw")).contains("Are you sure you want to withdraw this application?",
                "This cannot be undone.", "Yes, withdraw this application");
        mvc.perform(send(id, "/withdraw")).andExpect(redirectedUrl("/applications/" + id + "/withdrawn"));
        assertThat(show(id, "/withdrawn")).contains("Application withdrawn");
        assertThat(journey.status(id)).isEqualTo(ApplicationStatus.WITHDRAWN);
        assertThat(page(id)).contains("Withdrawn", "You withdrew the application")
                .doesNotContain("Withdraw this application");

        long decided = journey.submitted(applicant, data.fund(), "3000").id();
        journey.assessAll(decided);
        journey.complete(manager, decided, TaskKeys.DECIDE_APPLICATION,
                Map.of("outcome", "DECLINE", "reason", "We funded <i>similar</i> work nearby."));
        assertThat(page(decided)).contains("Not funded", "The fund decided not to fund it",
                "We funded &lt;i&gt;similar&lt;/i&gt; work nearby.").doesNotContain("Withdraw this application");
        assertThat(html(get("/applications/" + decided + "/withdraw").with(as(applicant)), 409))
                .contains("can no longer be withdrawn");
        assertThat(html(send(decided, "/withdraw"), 409)).contains("can no longer be withdrawn");
        assertThat(journey.status(decided)).isEqualTo(ApplicationStatus.DECLINED);
    }

    @Test
    void aDraftGoesToItsTaskList() throws Exception {
        long id = journey.draft(applicant, fund, "3000");
        mvc.perform(get("/applications/" + id).with(as(applicant)))
                .andExpect(redirectedUrl("/applications/" + id + "/apply"));
    }

    @Test
    void staffReadTheApplicationPageButGetNoActions() throws Exception {
        long id = journey.submitted(applicant, fund, "3000").id();
        String staffView = html(get("/applications/" + id).with(as(manager)), 200);
        assertThat(staffView).contains("Weekly lunch club", "Being assessed")
                .doesNotContain("Withdraw this application");
        mvc.perform(get("/applications/" + id + "/withdraw").with(as(manager))).andExpect(status().isNotFound());
    }

    @Test
    void anotherGroupFindsNothingOnAnyPage() throws Exception {
        long id = journey.funded(applicant, fund, "3000");
        CurrentUser stranger = data.charityApplicant();
        for (String path : List.of("", "/question", "/question/sent", "/offer", "/offer/answered",
                "/offer-letter.pdf", "/report", "/report/saved", "/report/sent", "/withdraw", "/withdrawn",
                "/variations/new", "/variations/sent")) {
            assertThat(html(get("/applications/" + id + path).with(as(stranger)), 404)).as(path)
                    .contains("Page not found").doesNotContain("Weekly lunch club");
        }
        for (String path : List.of("/question", "/offer", "/report", "/withdraw", "/variations/new")) {
            assertThat(html(post("/applications/" + id + path).with(as(stranger)).with(csrf())
                    .param("answer", "accept").param("description", "x").param("action", "send"), 404)).as(path)
                    .contains("Page not found");
        }
        mvc.perform(get("/applications/999999999").with(as(stranger))).andExpect(status().isNotFound());
        assertThat(journey.open(id, TaskKeys.SUBMIT_REPORT)).hasSize(1);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM variation WHERE application_id = :id").param("id", id)
                .query(Integer.class).single()).isZero();
    }

    private MockHttpServletRequestBuilder fullReport(long id) {
        return send(id, "/report").param("action", "send").param("whatWeDid", "Forty lunches")
                .param("differenceItMade", "Friendships").param("whatWeLearned", "Tuesdays suit best")
                .param("peopleReached", "37").param("amountSpent", "£2,950.00");
    }

    private MockHttpServletRequestBuilder send(long id, String page) {
        return post("/applications/" + id + page).with(as(applicant)).with(csrf());
    }

    private static org.springframework.test.web.servlet.request.RequestPostProcessor as(CurrentUser who) {
        return user(who.username()).roles(who.roles().iterator().next().name());
    }

    private String page(long id) throws Exception {
        return show(id, "");
    }

    private String show(long id, String page) throws Exception {
        return html(get("/applications/" + id + page).with(as(applicant)), 200);
    }

    private String html(MockHttpServletRequestBuilder request) throws Exception {
        return html(request, 200);
    }

    private String html(MockHttpServletRequestBuilder request, int expected) throws Exception {
        return mvc.perform(request).andExpect(status().is(expected)).andReturn().getResponse()
                .getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
    }

    private int audited(long id, String action) {
        return jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE application_id = :id AND action = :action")
                .param("id", id).param("action", action).query(Integer.class).single();
    }
}
