package org.kith.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.kith.applications.ApplicationStatus.AWAITING_DECISION;
import static org.kith.applications.ApplicationStatus.CLOSED;
import static org.kith.applications.ApplicationStatus.DECLINED;
import static org.kith.applications.ApplicationStatus.FUNDED;
import static org.kith.applications.ApplicationStatus.INELIGIBLE;
import static org.kith.applications.ApplicationStatus.INFORMATION_REQUESTED;
import static org.kith.applications.ApplicationStatus.IN_ASSESSMENT;
import static org.kith.applications.ApplicationStatus.LAPSED;
import static org.kith.applications.ApplicationStatus.OFFERED;
import static org.kith.applications.ApplicationStatus.OFFER_DECLINED;
import static org.kith.applications.ApplicationStatus.OFFER_LAPSED;
import static org.kith.applications.ApplicationStatus.WITHDRAWN;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.flowable.engine.RuntimeService;
import org.flowable.task.api.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.kith.applications.Application;
import org.kith.applications.ApplicationAccess;
import org.kith.applications.ApplicationService;
import org.kith.applications.Route;
import org.kith.audit.AuditLog;
import org.kith.funds.Fund;
import org.kith.identity.CurrentUser;
import org.kith.organisations.LegalForm;
import org.kith.support.EngineDriver;
import static org.kith.support.FundTweaks.withBudget;
import static org.kith.support.FundTweaks.withDates;
import static org.kith.support.FundTweaks.withLegalForms;
import org.kith.support.Journey;
import org.kith.support.KithTest;
import org.kith.support.TestData;
import org.kith.web.ConflictException;
import org.kith.web.ForbiddenException;
import org.kith.web.InvalidInputException;
import org.kith.web.NotFoundException;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Walks every path of processes/grant-application.bpmn20.xml, asserting task keys as the process reads. */
@KithTest
class GrantApplicationProcessTest {

    @Autowired
    Journey journey;
    @Autowired
    TestData data;
    @Autowired
    EngineDriver engine;
    @Autowired
    WorkflowTasks tasks;
    @Autowired
    ApplicationService applications;
    @Autowired
    ApplicationAccess access;
    @Autowired
    RuntimeService runtime;
    @Autowired
    AuditLog audit;
    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void resetClock() {
        engine.resetClock();
    }

    Map<String, Object> award(String amount) {
        return Map.of("outcome", "AWARD", "amountAwarded", new BigDecimal(amount));
    }

    /** The reminders the timers sent, in order (the decisions' own news to the group is left out). */
    List<String> reminders(long applicationId) {
        return jdbc.sql("""
                SELECT kind FROM notification WHERE application_id = :id
                  AND kind IN ('INFORMATION_REMINDER', 'REPORT_DUE_SOON', 'REPORT_OVERDUE') ORDER BY id""")
                .param("id", applicationId).query(String.class).list();
    }

    /** Each reminder ends with the page to act on. */
    List<String> reminderBodies(long applicationId) {
        return jdbc.sql("""
                SELECT body FROM notification WHERE application_id = :id
                  AND kind IN ('INFORMATION_REMINDER', 'REPORT_DUE_SOON', 'REPORT_OVERDUE') ORDER BY id""")
                .param("id", applicationId).query(String.class).list();
    }

    boolean processEnded(Application application) {
        return runtime.createProcessInstanceQuery().processInstanceId(application.processInstanceId()).count() == 0;
    }

    @Nested
    class Eligibility {

        @Test
        void anAmountOutsideTheFundsRangeIsIneligibleWithTheReason() {
            Application a = journey.submitted(data.charityApplicant(), data.fund(), "25000");
            assertThat(a.status()).isEqualTo(INELIGIBLE);
            assertThat(a.eligibilityReasons()).singleElement().asString().contains("outside this fund's range");
            assertThat(processEnded(a)).isTrue();
            assertThat(audit.forApplication(a.id())).anySatisfy(e -> {
                assertThat(e.toStatus()).isEqualTo("INELIGIBLE");
                assertThat(e.detail()).contains("outside this fund's range");
            });
        }

        @Test
        void aClosedFundTurnsApplicationsAway() {
            Fund closed = data.fund(f -> withDates(f, LocalDate.now().minusMonths(3), LocalDate.now().minusDays(1)));
            Application a = journey.submitted(data.charityApplicant(), closed, "3000");
            assertThat(a.status()).isEqualTo(INELIGIBLE);
            assertThat(a.eligibilityReasons()).singleElement().asString().contains("not open");
        }

        @Test
        void anOrganisationTypeTheFundDoesNotTakeIsIneligible() {
            Fund charitiesOnly = data.fund(f -> withLegalForms(f, Set.of("SCOTTISH_CHARITY")));
            Application a = journey.submitted(data.unregisteredApplicant(), charitiesOnly, "3000");
            assertThat(a.status()).isEqualTo(INELIGIBLE);
            assertThat(a.eligibilityReasons()).singleElement().asString().contains("unregistered group");
        }

        @Test
        void aGroupHoldsOneFundedGrantFromAFundAtATimeButApplicationsInProgressDoNotCount() {
            CurrentUser applicant = data.charityApplicant();
            Fund fund = data.fund();
            Application inProgress = journey.submitted(applicant, fund, "3000");
            Application second = journey.submitted(applicant, fund, "2000");
            assertThat(inProgress.status()).isEqualTo(IN_ASSESSMENT);
            assertThat(second.status()).isEqualTo(IN_ASSESSMENT);

            journey.funded(applicant, fund, "4000");
            Application third = journey.submitted(applicant, fund, "1000");
            assertThat(third.status()).isEqualTo(INELIGIBLE);
            assertThat(third.eligibilityReasons()).singleElement().asString().contains("one at a time");
            assertThat(journey.submitted(applicant, data.fund(), "1000").status())
                    .as("another fund is fine").isEqualTo(IN_ASSESSMENT);
        }
    }

    @Nested
    class ProportionateAssessment {

        @Test
        void aSmallRequestFromARegisteredGroupGetsOneLightTouchAssessment() {
            Application a = journey.submitted(data.charityApplicant(), data.fund(), "5000");
            assertThat(a.route()).isEqualTo(Route.LIGHT_TOUCH);
            assertThat(journey.open(a.id(), TaskKeys.ASSESS_APPLICATION)).hasSize(1);

            journey.complete(data.assessor(), a.id(), TaskKeys.ASSESS_APPLICATION, Journey.scores("FUND"));
            assertThat(journey.status(a.id())).isEqualTo(AWAITING_DECISION);
            assertThat(journey.open(a.id(), TaskKeys.DECIDE_APPLICATION)).hasSize(1);
        }

        @Test
        void aLargeRequestGetsTwoAssessmentsInParallelByDifferentAssessors() {
            Application a = journey.submitted(data.charityApplicant(), data.fund(), "5000.01");
            assertThat(a.route()).isEqualTo(Route.FULL);
            List<Task> assessments = journey.open(a.id(), TaskKeys.ASSESS_APPLICATION);
            assertThat(assessments).hasSize(2);

            CurrentUser first = data.assessor();
            journey.complete(first, assessments.get(0), Journey.scores("FUND"));
            assertThat(journey.status(a.id())).isEqualTo(IN_ASSESSMENT);
            Task second = journey.one(a.id(), TaskKeys.ASSESS_APPLICATION);
            assertThatThrownBy(() -> journey.complete(first, second, Journey.scores("FUND")))
                    .isInstanceOf(ForbiddenException.class);
            assertThat(tasks.inbox(first)).noneMatch(t -> t.applicationId() == a.id());

            journey.complete(data.assessor(), second, Journey.scores("DO_NOT_FUND"));
            assertThat(journey.status(a.id())).isEqualTo(AWAITING_DECISION);
        }

        @Test
        void oneAssessorCannotHoldBothAssessmentsOfAFullApplication() {
            Application a = journey.submitted(data.charityApplicant(), data.fund(), "12000");
            List<Task> assessments = journey.open(a.id(), TaskKeys.ASSESS_APPLICATION);
            CurrentUser assessor = data.assessor();
            tasks.claim(assessor, assessments.get(0).getId());
            assertThatThrownBy(() -> tasks.claim(assessor, assessments.get(1).getId()))
                    .isInstanceOf(ForbiddenException.class);
        }

        @Test
        void aFirstTimeGroupWithNoIdentifierGetsAFullAssessmentEvenForASmallRequest() {
            Application a = journey.submitted(data.unregisteredApplicant(), data.fund(), "1000");
            assertThat(a.route()).isEqualTo(Route.FULL);
            assertThat(journey.open(a.id(), TaskKeys.ASSESS_APPLICATION)).hasSize(2);
        }

        @Test
        void scoresOutsideTheCriteriaAreRefusedAndTheTaskStaysOpen() {
            Application a = journey.submitted(data.charityApplicant(), data.fund(), "3000");
            Task task = journey.one(a.id(), TaskKeys.ASSESS_APPLICATION);
            Map<String, Object> bad = Map.of("conflictOfInterest", false,
                    "scores", Map.of("need", 9, "made-up", 1), "recommendation", "FUND");
            assertThatThrownBy(() -> journey.complete(data.assessor(), task, bad))
                    .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.errors())
                            .extracting(InvalidInputException.FieldError::field)
                            .contains("scores.need", "scores.difference", "scores.made-up"));
            assertThat(journey.open(a.id(), TaskKeys.ASSESS_APPLICATION)).hasSize(1);
        }
    }

    @Nested
    class ConflictOfInterest {

        @Test
        void aConflictedAssessorHandsTheTaskBackAndCanNeverReadOrTakeTheApplicationAgain() {
            Application a = journey.submitted(data.charityApplicant(), data.fund(), "3000");
            Task task = journey.one(a.id(), TaskKeys.ASSESS_APPLICATION);
            CurrentUser conflicted = data.assessor();
            tasks.claim(conflicted, task.getId());

            TaskOutcome outcome = journey.complete(conflicted, task, Map.of("conflictOfInterest", true));
            assertThat(outcome.outcome()).isEqualTo(TaskOutcome.RETURNED_TO_POOL);
            Task back = journey.one(a.id(), TaskKeys.ASSESS_APPLICATION);
            assertThat(back.getAssignee()).isNull();
            assertThat(journey.status(a.id())).isEqualTo(IN_ASSESSMENT);

            assertThatThrownBy(() -> access.readable(conflicted, a.id())).isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> tasks.claim(conflicted, back.getId())).isInstanceOf(NotFoundException.class);
            assertThat(tasks.inbox(conflicted)).noneMatch(t -> t.applicationId() == a.id());

            CurrentUser other = data.assessor();
            assertThat(tasks.inbox(other)).anyMatch(t -> t.applicationId() == a.id());
            journey.complete(other, back, Journey.scores("FUND"));
            assertThat(journey.status(a.id())).isEqualTo(AWAITING_DECISION);
        }
    }

    @Nested
    class Decision {

        @Test
        void aDeclineNeedsAReasonAndRecordsIt() {
            Application a = journey.submitted(data.charityApplicant(), data.fund(), "3000");
            journey.assessAll(a.id());
            CurrentUser manager = data.manager();
            assertThatThrownBy(() -> journey.complete(manager, a.id(), TaskKeys.DECIDE_APPLICATION,
                    Map.of("outcome", "DECLINE"))).isInstanceOf(InvalidInputException.class);
            assertThat(journey.open(a.id(), TaskKeys.DECIDE_APPLICATION)).hasSize(1);

            journey.complete(manager, a.id(), TaskKeys.DECIDE_APPLICATION,
                    Map.of("outcome", "DECLINE", "reason", "We funded similar work nearby this year."));
            assertThat(journey.status(a.id())).isEqualTo(DECLINED);
            assertThat(processEnded(journey.application(a.id()))).isTrue();
            assertThat(audit.forApplication(a.id())).anySatisfy(e -> {
                assertThat(e.toStatus()).isEqualTo("DECLINED");
                assertThat(e.actor()).isEqualTo(manager.username());
                assertThat(e.detail()).isEqualTo("We funded similar work nearby this year.");
            });
        }

        @Test
        void anAwardMayBeLessThanAskedButNeverMoreNorBeyondTheBudget() {
            Fund small = data.fund(f -> withBudget(f, "4000"));
            Application a = journey.submitted(data.charityApplicant(), small, "4500");
            journey.assessAll(a.id());
            CurrentUser manager = data.manager();
            assertThatThrownBy(() -> journey.complete(manager, a.id(), TaskKeys.DECIDE_APPLICATION, award("4600")))
                    .isInstanceOf(InvalidInputException.class).hasFieldOrProperty("errors");
            assertThatThrownBy(() -> journey.complete(manager, a.id(), TaskKeys.DECIDE_APPLICATION, award("4100")))
                    .isInstanceOfSatisfying(InvalidInputException.class,
                            e -> assertThat(e.errors().get(0).message()).contains("only 4000.00 left"));

            journey.complete(manager, a.id(), TaskKeys.DECIDE_APPLICATION, award("3500"));
            Application offered = journey.application(a.id());
            assertThat(offered.status()).isEqualTo(OFFERED);
            assertThat(offered.amountAwarded()).isEqualByComparingTo("3500");
        }

        @Test
        void moreInformationLoopsBackToTheDecision() {
            CurrentUser applicant = data.charityApplicant();
            Application a = journey.submitted(applicant, data.fund(), "3000");
            journey.assessAll(a.id());
            CurrentUser manager = data.manager();
            journey.complete(manager, a.id(), TaskKeys.DECIDE_APPLICATION,
                    Map.of("outcome", "REQUEST_INFORMATION", "question", "Which hall will you use?"));
            assertThat(journey.status(a.id())).isEqualTo(INFORMATION_REQUESTED);
            assertThat(tasks.inbox(applicant)).singleElement()
                    .satisfies(t -> assertThat(t.key()).isEqualTo(TaskKeys.PROVIDE_INFORMATION));
            assertThat(journey.one(a.id(), TaskKeys.PROVIDE_INFORMATION).getDueDate()).isNotNull();

            journey.complete(applicant, a.id(), TaskKeys.PROVIDE_INFORMATION, Map.of("answer", "St Mary's hall"));
            assertThat(journey.status(a.id())).isEqualTo(AWAITING_DECISION);
            journey.complete(manager, a.id(), TaskKeys.DECIDE_APPLICATION, award("3000"));
            assertThat(journey.status(a.id())).isEqualTo(OFFERED);
        }

        @Test
        void unansweredQuestionsGetAReminderAndThenTheApplicationLapses() {
            Application a = journey.submitted(data.charityApplicant(), data.fund(), "3000");
            journey.assessAll(a.id());
            journey.complete(data.manager(), a.id(), TaskKeys.DECIDE_APPLICATION,
                    Map.of("outcome", "REQUEST_INFORMATION", "question", "Which hall?"));

            engine.advance(Duration.ofDays(7).plusHours(1));
            journey.runJobs(a.id());
            assertThat(reminders(a.id())).containsExactly("INFORMATION_REMINDER");
            assertThat(reminderBodies(a.id())).allMatch(body -> body.contains("/applications/" + a.id() + "/question"));
            assertThat(journey.open(a.id(), TaskKeys.PROVIDE_INFORMATION)).hasSize(1);

            engine.advance(Duration.ofDays(14));
            journey.runJobs(a.id());
            assertThat(journey.status(a.id())).isEqualTo(LAPSED);
            assertThat(processEnded(journey.application(a.id()))).isTrue();
        }
    }

    @Nested
    class Offer {

        @Test
        void anAwardIssuesAnOfferLetterAndTheGroupMayTurnTheOfferDown() {
            CurrentUser applicant = data.charityApplicant();
            long id = journey.offered(applicant, data.fund(), "3000");
            assertThat(jdbc.sql("SELECT COUNT(*) FROM document WHERE application_id = :id AND kind = 'OFFER_LETTER'")
                    .param("id", id).query(Integer.class).single()).isEqualTo(1);
            assertThat(journey.one(id, TaskKeys.ACCEPT_OFFER).getDueDate()).isNotNull();

            journey.complete(applicant, id, TaskKeys.ACCEPT_OFFER, Map.of("accept", false));
            assertThat(journey.status(id)).isEqualTo(OFFER_DECLINED);
            assertThat(processEnded(journey.application(id))).isTrue();
        }

        @Test
        void anOfferNotAnsweredInTimeLapses() {
            long id = journey.offered(data.charityApplicant(), data.fund(), "3000");
            engine.advance(Duration.ofDays(27));
            journey.runJobs(id);
            assertThat(journey.status(id)).isEqualTo(OFFERED);
            engine.advance(Duration.ofDays(2));
            journey.runJobs(id);
            assertThat(journey.status(id)).isEqualTo(OFFER_LAPSED);
            assertThat(journey.open(id, TaskKeys.ACCEPT_OFFER)).isEmpty();
        }
    }

    @Nested
    class RunningGrant {

        @Test
        void aLightTouchGrantIsPaidOnceOnAcceptanceThenReportedAndClosed() {
            CurrentUser applicant = data.charityApplicant();
            long id = journey.funded(applicant, data.fund(), "3000");
            Task payment = journey.one(id, TaskKeys.RECORD_PAYMENT);
            assertThat(payment.getDueDate().toInstant().atZone(ZoneOffset.UTC).toLocalDate())
                    .isEqualTo(LocalDate.ofInstant(engine.now(), ZoneOffset.UTC));
            assertThat(paymentAmounts(id)).containsExactly(new BigDecimal("3000.00"));
            Task report = journey.one(id, TaskKeys.SUBMIT_REPORT);
            assertThat(report.getDueDate()).as("the report is due from the start").isNotNull();

            CurrentUser manager = data.manager();
            assertThatThrownBy(() -> journey.complete(manager, payment, Map.of("paid", false)))
                    .isInstanceOf(InvalidInputException.class);
            journey.complete(manager, payment, Map.of("paid", true));
            assertThat(journey.open(id, TaskKeys.RECORD_PAYMENT)).isEmpty();

            journey.complete(applicant, report, report());
            journey.complete(manager, id, TaskKeys.REVIEW_REPORT,
                    Map.of("outcome", "REQUEST_CHANGES", "feedback", "Please add how many people came."));
            assertThat(journey.status(id)).isEqualTo(FUNDED);
            journey.complete(applicant, id, TaskKeys.SUBMIT_REPORT, report());
            journey.complete(manager, id, TaskKeys.REVIEW_REPORT, Map.of("outcome", "ACCEPT"));

            assertThat(journey.status(id)).isEqualTo(CLOSED);
            assertThat(processEnded(journey.application(id))).isTrue();
        }

        @Test
        void aFullGrantIsPaidInTranchesAndClosesOnlyWhenPaidAndReported() {
            CurrentUser applicant = data.charityApplicant();
            long id = journey.funded(applicant, data.fund(), "12000.01");
            assertThat(journey.application(id).route()).isEqualTo(Route.FULL);
            assertThat(paymentAmounts(id)).containsExactly(new BigDecimal("6000.00"), new BigDecimal("6000.01"));

            CurrentUser manager = data.manager();
            journey.complete(manager, id, TaskKeys.RECORD_PAYMENT, Map.of("paid", true));
            journey.complete(applicant, id, TaskKeys.SUBMIT_REPORT, report());
            journey.complete(manager, id, TaskKeys.REVIEW_REPORT, Map.of("outcome", "ACCEPT"));
            assertThat(journey.status(id)).as("a tranche is still to pay").isEqualTo(FUNDED);

            Task second = journey.one(id, TaskKeys.RECORD_PAYMENT);
            assertThat(LocalDate.ofInstant(second.getDueDate().toInstant(), ZoneOffset.UTC))
                    .isEqualTo(LocalDate.ofInstant(engine.now(), ZoneOffset.UTC).plusDays(180));
            journey.complete(manager, second, Map.of("paid", true));
            assertThat(journey.status(id)).isEqualTo(CLOSED);
        }

        @Test
        void theGroupIsRemindedBeforeTheReportIsDueAndAfterItIsOverdue() {
            long id = journey.funded(data.charityApplicant(), data.fund(), "3000");
            engine.advance(Duration.ofDays(365 - 15));
            journey.runJobs(id);
            assertThat(reminders(id)).isEmpty();

            engine.advance(Duration.ofDays(2));
            journey.runJobs(id);
            assertThat(reminders(id)).containsExactly("REPORT_DUE_SOON");

            engine.advance(Duration.ofDays(21));
            journey.runJobs(id);
            assertThat(reminders(id)).containsExactly("REPORT_DUE_SOON", "REPORT_OVERDUE");
            assertThat(reminderBodies(id)).allMatch(body -> body.contains("/applications/" + id + "/report"));
            assertThat(journey.open(id, TaskKeys.SUBMIT_REPORT)).hasSize(1);
        }

        @Test
        void noReportReminderOnceTheReportIsIn() {
            CurrentUser applicant = data.charityApplicant();
            long id = journey.funded(applicant, data.fund(), "3000");
            journey.complete(applicant, id, TaskKeys.SUBMIT_REPORT, report());
            engine.advance(Duration.ofDays(400));
            journey.runJobs(id);
            assertThat(reminders(id)).isEmpty();
        }

        List<BigDecimal> paymentAmounts(long id) {
            return jdbc.sql("SELECT amount FROM payment WHERE application_id = :id ORDER BY tranche")
                    .param("id", id).query(BigDecimal.class).list();
        }

        Map<String, Object> report() {
            return Map.of("whatWeDid", "Forty lunches", "differenceItMade", "People made friends",
                    "whatWeLearned", "Tuesdays suit best", "peopleReached", 37, "amountSpent", new BigDecimal("2950.00"));
        }
    }

    @Nested
    class Withdrawal {

        @Test
        void aGroupCanWithdrawBeforeADecision() {
            CurrentUser applicant = data.charityApplicant();
            Application a = journey.submitted(applicant, data.fund(), "3000");
            applications.withdraw(applicant, a.id());
            assertThat(journey.status(a.id())).isEqualTo(WITHDRAWN);
            assertThat(processEnded(journey.application(a.id()))).isTrue();
            assertThat(audit.forApplication(a.id())).anySatisfy(e -> {
                assertThat(e.toStatus()).isEqualTo("WITHDRAWN");
                assertThat(e.actor()).isEqualTo(applicant.username());
            });
        }

        @Test
        void aDraftCanBeWithdrawnAndSoCanAnApplicationWaitingForInformation() {
            CurrentUser applicant = data.charityApplicant();
            Fund fund = data.fund();
            long draft = journey.draft(applicant, fund, "3000");
            applications.withdraw(applicant, draft);
            assertThat(journey.status(draft)).isEqualTo(WITHDRAWN);

            Application a = journey.submitted(applicant, fund, "3000");
            journey.assessAll(a.id());
            journey.complete(data.manager(), a.id(), TaskKeys.DECIDE_APPLICATION,
                    Map.of("outcome", "REQUEST_INFORMATION", "question", "Which hall?"));
            applications.withdraw(applicant, a.id());
            assertThat(journey.status(a.id())).isEqualTo(WITHDRAWN);
            assertThat(journey.open(a.id(), TaskKeys.PROVIDE_INFORMATION)).isEmpty();
        }

        @Test
        void afterADecisionItIsTooLateToWithdraw() {
            CurrentUser applicant = data.charityApplicant();
            long id = journey.offered(applicant, data.fund(), "3000");
            assertThatThrownBy(() -> applications.withdraw(applicant, id)).isInstanceOf(ConflictException.class);
            assertThat(journey.status(id)).isEqualTo(OFFERED);
        }
    }
}
