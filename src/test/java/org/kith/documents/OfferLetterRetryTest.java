package org.kith.documents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.Locale;
import java.util.Map;

import org.flowable.engine.HistoryService;
import org.flowable.engine.delegate.DelegateExecution;
import org.flowable.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.flowable.job.service.impl.asyncexecutor.AbstractAsyncExecutor;
import org.flowable.job.api.Job;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.kith.applications.ApplicationRequest;
import org.kith.applications.ApplicationService;
import org.kith.applications.ApplicationStatus;
import org.kith.awards.AwardRecords;
import org.kith.funds.Fund;
import org.kith.identity.CurrentUser;
import org.kith.organisations.LegalForm;
import org.kith.organisations.Organisations;
import org.kith.support.EngineDriver;
import org.kith.support.Journey;
import org.kith.support.KithTest;
import org.kith.support.TestData;
import org.kith.workflow.ProcessKeys;
import org.kith.workflow.TaskKeys;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;
import org.springframework.test.web.servlet.MockMvc;

import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.parser.PdfTextExtractor;

/**
 * The offer letter is made by an async job after the fund manager's decision has committed, and the engine
 * retries it (R3/PT10M): a failing PDF renderer neither undoes the award nor leaves the group without a
 * letter, and a job that runs again leaves one letter. A job locked by a node that died is run by another once
 * the lock expires. What a group typed goes into the PDF as text.
 */
@KithTest
class OfferLetterRetryTest {

    private static final String MARKUP = "<script>alert(1)</script>";

    @MockitoSpyBean
    OfferLetterPdf pdf;

    @Autowired
    TestData data;
    @Autowired
    Journey journey;
    @Autowired
    EngineDriver engine;
    @Autowired
    HistoryService history;
    @Autowired
    Documents documents;
    @Autowired
    IssueOfferLetter issueOfferLetter;
    @Autowired
    ApplicationService applications;
    @Autowired
    Organisations organisations;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    AwardRecords awards;
    @Autowired
    MockMvc mvc;
    @Autowired
    ProcessEngineConfigurationImpl engineConfiguration;

    @AfterEach
    void resetClock() {
        engine.resetClock();
    }

    @Test
    void aFailedLetterKeepsTheDecisionAndIsRetriedTenMinutesLaterIntoOneLetterAndAnAcceptOfferTask() {
        doThrow(new IllegalStateException("renderer unavailable")).doCallRealMethod().when(pdf).render(any());
        long id = awarded(data.charityApplicant(), data.fund(), "3000");
        String process = journey.application(id).processInstanceId();

        assertThatThrownBy(() -> engine.runDueJobs(process)).hasRootCauseMessage("renderer unavailable");

        assertThat(journey.status(id)).as("the award stands").isEqualTo(ApplicationStatus.OFFERED);
        assertThat(history.createHistoricTaskInstanceQuery().processInstanceId(process)
                .taskDefinitionKey(TaskKeys.DECIDE_APPLICATION).finished().count()).isEqualTo(1);
        assertThat(journey.open(id, TaskKeys.ACCEPT_OFFER)).isEmpty();
        assertThat(documents.content(id, Documents.OFFER_LETTER)).isEmpty();
        Job retry = theRetryOfTheLetter(process);
        assertThat(retry.getRetries()).as("tries left of R3 after one failure").isEqualTo(2);
        assertThat(retry.getExceptionMessage()).contains("renderer unavailable");
        assertThat(retry.getDuedate().toInstant()).isAfterOrEqualTo(engine.now().plus(Duration.ofMinutes(9)));

        engine.runDueJobs(process);
        assertThat(journey.open(id, TaskKeys.ACCEPT_OFFER)).as("no retry before the wait is over").isEmpty();

        engine.advance(Duration.ofMinutes(11));
        engine.runDueJobs(process);

        assertThat(pdfText(offerLetter(id))).contains(journey.application(id).reference());
        assertThat(offerLetterRows(id)).isEqualTo(1);
        assertThat(journey.open(id, TaskKeys.ACCEPT_OFFER)).hasSize(1);
        assertThat(engine.deadLetters(process)).isEmpty();
        assertThat(auditCount(id, "OFFER_LETTER_ISSUED")).isEqualTo(1);
        verify(pdf, times(2)).render(any());
    }

    /**
     * The award is made at 23:55 and its letter fails once, so the letter and the acceptOffer task come the next
     * day. The offer still lapses when the date stored with the award (and printed in the letter) is over, not
     * 28 days after the task was made.
     */
    @Test
    void aLetterRetriedAfterMidnightLeavesTheOfferLapsingAtTheDateStoredWithTheAwardAndPrinted() throws Exception {
        Instant now = engine.now();
        Instant lateEvening = now.atZone(ZoneOffset.UTC).toLocalDate().atTime(23, 55).toInstant(ZoneOffset.UTC);
        engineConfiguration.getClock().setCurrentTime(Date.from(lateEvening.isAfter(now) ? lateEvening
                : lateEvening.plus(Duration.ofDays(1))));
        LocalDate awardDay = engine.now().atZone(ZoneOffset.UTC).toLocalDate();
        doThrow(new IllegalStateException("renderer unavailable")).doCallRealMethod().when(pdf).render(any());
        CurrentUser applicant = data.charityApplicant();
        Fund fund = data.fund();
        long id = awarded(applicant, fund, "3000");
        String process = journey.application(id).processInstanceId();
        assertThatThrownBy(() -> engine.runDueJobs(process)).hasRootCauseMessage("renderer unavailable");
        engine.advance(Duration.ofMinutes(11));
        engine.runDueJobs(process);
        assertThat(journey.open(id, TaskKeys.ACCEPT_OFFER)).as("the task came after midnight").hasSize(1);

        AwardRecords.Award award = awards.award(id).orElseThrow();
        LocalDate respondBy = awardDay.plusDays(fund.timeLimits().offerAcceptanceDays());
        LocalDateTime lapsesAt = respondBy.plusDays(1).atStartOfDay();
        assertThat(award.respondBy()).isEqualTo(respondBy);
        assertThat(award.lapsesAt()).isEqualTo(lapsesAt);
        assertThat(pdfText(offerLetter(id))).contains(DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.UK)
                .format(respondBy));
        Date lapseMoment = Date.from(lapsesAt.toInstant(ZoneOffset.UTC));
        assertThat(journey.one(id, TaskKeys.ACCEPT_OFFER).getDueDate()).isEqualTo(lapseMoment);
        assertThat(engine.pendingTimers(process)).extracting(Job::getDuedate).containsExactly(lapseMoment);
        String offer = mvc.perform(get("/api/applications/{id}/offer", id)
                        .with(httpBasic(applicant.username(), TestData.PASSWORD)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(offer).contains("\"respondBy\":\"" + respondBy + "\"", "\"lapsesAt\":\"" + lapsesAt);

        engineConfiguration.getClock().setCurrentTime(Date.from(lapseMoment.toInstant().minusSeconds(60)));
        journey.runJobs(id);
        assertThat(journey.status(id)).as("all of the day printed is left to answer").isEqualTo(ApplicationStatus.OFFERED);
        engine.advance(Duration.ofMinutes(2));
        journey.runJobs(id);
        assertThat(journey.status(id)).isEqualTo(ApplicationStatus.OFFER_LAPSED);
    }

    @Test
    void aLetterJobHeldByANodeThatDiedIsRunOnceByAnotherNodeWhenItsLockExpires() throws InterruptedException {
        long id = awarded(data.charityApplicant(), data.fund(), "3000");
        String process = journey.application(id).processInstanceId();
        int held = jdbc.sql("""
                UPDATE ACT_RU_JOB SET LOCK_OWNER_ = 'node-that-died', LOCK_EXP_TIME_ = :expired
                WHERE PROCESS_INSTANCE_ID_ = :process""")
                .param("expired", Timestamp.from(engine.now().minus(Duration.ofMinutes(1))))
                .param("process", process).update();
        assertThat(held).as("the letter job, locked by a node that is gone").isEqualTo(1);

        AbstractAsyncExecutor executor = (AbstractAsyncExecutor) engineConfiguration.getAsyncExecutor();
        Duration resetInterval = executor.getConfiguration().getResetExpiredJobsInterval();
        executor.getConfiguration().setResetExpiredJobsInterval(Duration.ofMillis(200));
        executor.start(); // it may also run jobs other tests left queued in this database
        try {
            for (int waited = 0; waited < 600 && journey.open(id, TaskKeys.ACCEPT_OFFER).isEmpty(); waited++) {
                Thread.sleep(100);
            }
        } finally {
            executor.shutdown();
            executor.getConfiguration().setResetExpiredJobsInterval(resetInterval);
        }

        assertThat(journey.open(id, TaskKeys.ACCEPT_OFFER)).as("this node ran the job").hasSize(1);
        assertThat(offerLetterRows(id)).isEqualTo(1);
        assertThat(auditCount(id, "OFFER_LETTER_ISSUED")).isEqualTo(1);
        String reference = journey.application(id).reference();
        verify(pdf, times(1)).render(argThat(letter -> letter.reference().equals(reference)));
    }

    @Test
    void aLetterJobThatRunsAgainReplacesTheLetterInsteadOfAddingASecond() throws Exception {
        long id = journey.offered(data.charityApplicant(), data.fund(), "3000");
        assertThat(offerLetterRows(id)).isEqualTo(1);

        issueOfferLetter.execute(executionOf(id));

        assertThat(offerLetterRows(id)).isEqualTo(1);
        assertThat(offerLetter(id)).startsWith(pdfMagic());
    }

    @Test
    void markupInTheGroupsNameAndProjectTitleIsPrintedAsTextInAValidPdf() throws Exception {
        long organisation = organisations.create(MARKUP + " Lunch Club", LegalForm.UNREGISTERED_GROUP, null,
                "EH6 6QU", "City of Edinburgh", new BigDecimal("5000.00"));
        CurrentUser applicant = data.memberOf(organisation);
        Fund fund = data.fund();
        long id = applications.createDraft(applicant, new ApplicationRequest(fund.id(), MARKUP + " Tuesdays",
                "Lunch and company", new BigDecimal("3000"), Journey.answers()), null).id();
        applications.submit(applicant, id);
        decideToAward(id, "3000");
        journey.runJobs(id);

        byte[] letter = mvc.perform(get("/api/applications/{id}/offer-letter.pdf", id)
                        .with(httpBasic(applicant.username(), TestData.PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(content().contentType(MediaType.APPLICATION_PDF))
                .andReturn().getResponse().getContentAsByteArray();

        assertThat(letter).startsWith(pdfMagic());
        String text = pdfText(letter);
        assertThat(text).contains("To: " + MARKUP + " Lunch Club").contains(MARKUP + " Tuesdays");
    }

    /** Submitted, assessed and awarded: the offer letter job is queued but has not run. */
    private long awarded(CurrentUser applicant, Fund fund, String amount) {
        long id = journey.submitted(applicant, fund, amount).id();
        decideToAward(id, amount);
        return id;
    }

    private void decideToAward(long id, String amount) {
        journey.assessAll(id);
        journey.complete(data.manager(), id, TaskKeys.DECIDE_APPLICATION,
                Map.of("outcome", "AWARD", "amountAwarded", new BigDecimal(amount)));
    }

    private Job theRetryOfTheLetter(String process) {
        assertThat(engine.deadLetters(process)).isEmpty();
        var timers = engine.pendingTimers(process);
        assertThat(timers).as("the failed job waits as a timer for its retry").hasSize(1);
        return timers.get(0);
    }

    private byte[] offerLetter(long id) {
        byte[] letter = documents.content(id, Documents.OFFER_LETTER).orElseThrow();
        assertThat(letter).startsWith(pdfMagic());
        return letter;
    }

    private static byte[] pdfMagic() {
        return "%PDF".getBytes(StandardCharsets.US_ASCII);
    }

    private static String pdfText(byte[] pdf) {
        try (PdfReader reader = new PdfReader(pdf)) {
            return new PdfTextExtractor(reader).getTextFromPage(1);
        } catch (IOException e) {
            throw new AssertionError("not a readable PDF", e);
        }
    }

    private static DelegateExecution executionOf(long applicationId) {
        DelegateExecution execution = mock(DelegateExecution.class);
        when(execution.getVariable(ProcessKeys.APPLICATION_ID)).thenReturn(applicationId);
        return execution;
    }

    private int offerLetterRows(long applicationId) {
        return jdbc.sql("SELECT COUNT(*) FROM document WHERE application_id = :id AND kind = :kind")
                .param("id", applicationId).param("kind", Documents.OFFER_LETTER).query(Integer.class).single();
    }

    private int auditCount(long applicationId, String action) {
        return jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE application_id = :id AND action = :action")
                .param("id", applicationId).param("action", action).query(Integer.class).single();
    }
}
