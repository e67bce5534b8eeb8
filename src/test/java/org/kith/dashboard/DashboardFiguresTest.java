package org.kith.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kith.applications.ApplicationStatus;
import org.kith.applications.Route;
import org.kith.dashboard.Dashboard.Count;
import org.kith.dashboard.Dashboard.RouteBurden;
import org.kith.dashboard.Dashboard.Spread;
import org.kith.funds.Fund;
import org.kith.identity.CurrentUser;
import org.kith.identity.Role;
import org.kith.organisations.LegalForm;
import org.kith.organisations.Organisations;
import org.kith.support.Journey;
import org.kith.support.KithTest;
import org.kith.support.TestData;
import org.kith.web.ForbiddenException;
import org.kith.web.NotFoundException;
import org.kith.workflow.TaskKeys;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A known portfolio built through the lifecycle (then its clocks moved back, as if it had taken weeks) gives every
 * dashboard figure exactly; the read model built incrementally by events equals one rebuilt from the tables; a
 * local-authority filter (read from the fact rows) agrees with the folded cells; each person sees only their funds.
 */
@KithTest
class DashboardFiguresTest {

    @Autowired
    Journey journey;
    @Autowired
    TestData data;
    @Autowired
    DashboardFigures figures;
    @Autowired
    DashboardReadModel readModel;
    @Autowired
    Organisations organisations;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TransactionTemplate transactions;

    static final java.time.LocalDateTime SUBMITTED_AT = java.time.LocalDateTime.now().minusDays(40).withHour(12);

    static final java.util.concurrent.atomic.AtomicInteger CHARITY_NUMBERS =
            new java.util.concurrent.atomic.AtomicInteger((int) (Math.random() * 90000));

    Fund fund;
    Fund other;
    String highlandPostcode;
    long funded;
    long offered;
    long declined;
    long inAssessment;
    long late;
    long returning;

    @BeforeEach
    void portfolio() {
        fund = data.fund();
        other = data.fund();
        highlandPostcode = "IV" + (10 + (int) (Math.random() * 80)) + " " + (int) (Math.random() * 9) + "ZZ";
        jdbc.sql("DELETE FROM deprivation_area WHERE postcode_key = :key").param("key", key(highlandPostcode)).update();
        jdbc.sql("INSERT INTO deprivation_area (postcode_key, deprivation_index, decile, loaded_at)"
                        + " VALUES (:key, 'SIMD', 2, CURRENT_TIMESTAMP)")
                .param("key", key(highlandPostcode)).update();

        CurrentUser walkers = group("Walkers", LegalForm.UNREGISTERED_GROUP, highlandPostcode, "Highland", "1200");
        CurrentUser lunch = group("Lunch club", LegalForm.SCOTTISH_CHARITY, "EH6 6QU", "City of Edinburgh", "38500");
        CurrentUser glasgow = group("Glasgow", LegalForm.SCOTTISH_CHARITY, "G1 1AA", "Glasgow City", "250000");
        CurrentUser nowhere = group("Nowhere", LegalForm.UNREGISTERED_GROUP, null, null, null);
        CurrentUser lateGroup = group("Late", LegalForm.SCOTTISH_CHARITY, "EH1 1AA", "City of Edinburgh", "120000");

        funded = journey.funded(walkers, fund, "2500");
        journey.complete(data.manager(), funded, TaskKeys.RECORD_PAYMENT, Map.of("paid", true));
        journey.complete(walkers, funded, TaskKeys.SUBMIT_REPORT, Map.of("whatWeDid", "Walks",
                "differenceItMade", "Friends", "whatWeLearned", "Mornings", "peopleReached", 40,
                "amountSpent", new BigDecimal("2400.00")));
        journey.complete(data.manager(), funded, TaskKeys.REVIEW_REPORT, Map.of("outcome", "ACCEPT"));
        offered = journey.offered(lunch, fund, "4000");
        declined = journey.submitted(glasgow, fund, "9000").id();
        journey.assessAll(declined);
        journey.complete(data.manager(), declined, TaskKeys.DECIDE_APPLICATION,
                Map.of("outcome", "DECLINE", "reason", "Not this round."));
        inAssessment = journey.submitted(nowhere, fund, "1000").id();
        late = journey.funded(lateGroup, fund, "8000");
        returning = journey.submitted(walkers, other, "700").id();

        // as if it had taken weeks: minutes from starting to submitting, days to decision and to payment
        backdate(funded, 30, 5, 20);
        backdate(offered, 90, 12, null);
        backdate(declined, 200, 30, null);
        backdate(inAssessment, 45, null, null);
        backdate(late, 100, 8, null);
        jdbc.sql("UPDATE grant_report SET due_on = :due WHERE application_id = :id")
                .param("due", LocalDate.now().minusDays(3)).param("id", late).update();
        readModel.refresh(List.of(funded, offered, declined, inAssessment, late));
    }

    @Test
    void everyFigureOfAKnownPortfolio() {
        assertThat(journey.status(funded)).isEqualTo(ApplicationStatus.FUNDED);
        BigDecimal paid = jdbc.sql("SELECT SUM(amount) FROM payment WHERE application_id = :id AND paid_at IS NOT NULL")
                .param("id", funded).query(BigDecimal.class).single();
        assertThat(paid).as("the first of two tranches").isEqualByComparingTo("1250");

        Dashboard d = figures.read(data.admin(), DashboardFilter.ofFund(fund.id()));
        Dashboard.Portfolio p = d.portfolio();
        assertThat(p.applications()).isEqualTo(5);
        assertThat(p.decided()).isEqualTo(4);
        assertThat(p.offered()).isEqualTo(3);
        assertThat(p.successRate()).isEqualTo(0.75);
        assertThat(p.amountRequested()).isEqualByComparingTo("24500");
        assertThat(p.awards()).isEqualTo(3);
        assertThat(p.awardsRequested()).isEqualByComparingTo("14500");
        assertThat(p.awarded()).isEqualByComparingTo("14500");
        assertThat(p.committed()).isEqualByComparingTo("14500");
        assertThat(p.paid()).isEqualByComparingTo("1250");
        assertThat(p.budget()).isEqualByComparingTo(fund.budget());
        assertThat(p.remaining()).isEqualByComparingTo(fund.budget().subtract(new BigDecimal("14500")));
        // decisions after 5, 8, 12 and 30 days: nearest rank, median the 2nd of 4, 90th percentile the 4th
        assertThat(p.daysToDecision()).isEqualTo(new Spread(4, 8, 30));
        assertThat(p.targetDays()).isEqualTo(fund.timeLimits().decisionWeeks() * 7);
        assertThat(d.funds()).singleElement().satisfies(line -> {
            assertThat(line.fundId()).isEqualTo(fund.id());
            assertThat(line.portfolio()).isEqualTo(p);
        });

        assertThat(d.byStatus()).extracting(Count::value, Count::applications).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("FUNDED", 2L), org.assertj.core.groups.Tuple.tuple("OFFERED", 1L),
                org.assertj.core.groups.Tuple.tuple("DECLINED", 1L),
                org.assertj.core.groups.Tuple.tuple("IN_ASSESSMENT", 1L));

        Dashboard.WhereItWent where = d.whereItWent();
        assertThat(where.byLocalAuthority()).containsExactly(
                new Count("City of Edinburgh", 2, 2, money("12000")),
                new Count("Glasgow City", 1, 0, money("0")),
                new Count("Highland", 1, 1, money("2500")),
                new Count("", 1, 0, money("0")));
        assertThat(where.byIncomeBand()).containsExactlyInAnyOrder(
                new Count("MEDIUM", 2, 1, money("8000")), new Count("MICRO", 1, 1, money("2500")),
                new Count("SMALL", 1, 1, money("4000")), new Count("UNKNOWN", 1, 0, money("0")));
        assertThat(where.byLegalForm()).containsExactly(
                new Count("SCOTTISH_CHARITY", 3, 2, money("12000")),
                new Count("UNREGISTERED_GROUP", 2, 1, money("2500")));
        assertThat(where.byReturning()).containsExactly(new Count("FIRST_TIME", 5, 3, money("14500")));
        assertThat(where.byDeprivationDecile()).hasSize(11);
        assertThat(where.byDeprivationDecile().get(1)).isEqualTo(new Count("2", 1, 1, money("2500")));
        assertThat(where.byDeprivationDecile().get(10)).as("unknown, never guessed")
                .isEqualTo(new Count("", 4, 2, money("12000")));

        Dashboard.Achievements a = d.achievements();
        assertThat(a.reportsAccepted()).isEqualTo(1);
        assertThat(a.peopleReached()).isEqualTo(40);
        assertThat(a.amountSpent()).isEqualByComparingTo("2400");
        assertThat(a.awardedReported()).isEqualByComparingTo("2500");
        assertThat(a.reportsOverdue()).isEqualTo(1);

        RouteBurden light = route(d, "LIGHT_TOUCH");
        RouteBurden full = route(d, "FULL");
        RouteBurden all = route(d, DashboardFigures.ALL_ROUTES);
        // light touch is for small asks from groups that are registered or known to us: here only the lunch club
        assertThat(light.applications()).isEqualTo(1);
        assertThat(full.applications()).isEqualTo(4);
        assertThat(all.applications()).isEqualTo(5);
        // 90 minutes light-touch; 30, 45, 100 and 200 (kept as 195: a quarter-hour step past two hours) full
        assertThat(light.minutesToSubmit()).isEqualTo(new Spread(1, 90, 90));
        assertThat(full.minutesToSubmit()).isEqualTo(new Spread(4, 45, 195));
        assertThat(all.minutesToSubmit()).isEqualTo(new Spread(5, 90, 195));
        assertThat(light.awards()).isEqualTo(1);
        assertThat(light.awarded()).isEqualByComparingTo("4000");
        assertThat(full.awards()).isEqualTo(2);
        assertThat(full.awarded()).isEqualByComparingTo("10500");
        // 90 minutes over 4 thousand awarded; 30 + 100 minutes over 10.5 thousand
        assertThat(light.minutesPer1000()).isEqualTo(22.5);
        assertThat(full.minutesPer1000()).isEqualTo(12.4);
        assertThat(light.questionsAsked()).isEqualTo(full.questionsAsked()).isPositive();
        assertThat(light.questionsPer1000()).isEqualTo(round(light.questionsAsked() / 4));
        assertThat(light.daysToDecision()).isEqualTo(new Spread(1, 12, 12));
        assertThat(full.daysToDecision()).isEqualTo(new Spread(3, 8, 30));
        assertThat(all.daysToDecision()).isEqualTo(new Spread(4, 8, 30));
        assertThat(full.daysToFirstPayment()).isEqualTo(new Spread(1, 20, 20));
        assertThat(light.daysToFirstPayment().count()).isZero();
    }

    @Test
    void filtersNarrowEveryFigureAndTheAreaFilterAgreesWithTheCells() {
        CurrentUser admin = data.admin();
        Dashboard edinburgh = figures.read(admin,
                new DashboardFilter(fund.id(), null, null, "City of Edinburgh", null));
        assertThat(edinburgh.portfolio().applications()).isEqualTo(2);
        assertThat(edinburgh.portfolio().awarded()).isEqualByComparingTo("12000");
        assertThat(edinburgh.portfolio().daysToDecision()).isEqualTo(new Spread(2, 8, 12));
        assertThat(edinburgh.achievements().reportsOverdue()).isEqualTo(1);
        Dashboard unknown = figures.read(admin, new DashboardFilter(fund.id(), null, null, "", null));
        assertThat(unknown.portfolio().applications()).isEqualTo(1);
        assertThat(unknown.byStatus()).containsExactly(new Count("IN_ASSESSMENT", 1, 0, money("0")));

        Dashboard full = figures.read(admin, new DashboardFilter(fund.id(), null, null, null, Route.FULL));
        assertThat(full.portfolio().applications()).isEqualTo(4);
        assertThat(full.burden()).extracting(RouteBurden::route).containsExactly("FULL", "ALL");

        YearMonth submitted = YearMonth.from(SUBMITTED_AT);
        Dashboard thisMonth = figures.read(admin, new DashboardFilter(fund.id(), submitted, submitted, null, null));
        Dashboard whole = figures.read(admin, DashboardFilter.ofFund(fund.id()));
        assertThat(thisMonth.portfolio()).isEqualTo(whole.portfolio());
        assertThat(thisMonth.whereItWent()).isEqualTo(whole.whereItWent());
        Dashboard lastYear = figures.read(admin,
                new DashboardFilter(fund.id(), submitted.minusYears(1), submitted.minusMonths(1), null, null));
        assertThat(lastYear.portfolio().applications()).isZero();
        assertThat(lastYear.portfolio().remaining()).as("the budget left is the fund's, whatever the period")
                .isEqualTo(whole.portfolio().remaining());

        // every authority's fact-row figures add up to the folded cells
        long sum = whole.whereItWent().byLocalAuthority().stream()
                .mapToLong(c -> figures.read(admin, new DashboardFilter(fund.id(), null, null, c.value(), null))
                        .portfolio().applications())
                .sum();
        assertThat(sum).isEqualTo(whole.portfolio().applications());
    }

    @Test
    void aGroupFundedBeforeIsReturningInItsNextApplication() {
        Dashboard d = figures.read(data.admin(), DashboardFilter.ofFund(other.id()));
        assertThat(d.whereItWent().byReturning()).containsExactly(new Count("RETURNING", 1, 0, money("0")));
        Dashboard both = figures.figures(List.of(fund, other), DashboardFilter.NONE);
        assertThat(both.portfolio().applications()).isEqualTo(6);
        assertThat(both.funds()).hasSize(2);
    }

    @Test
    void theReadModelKeptByEventsEqualsOneRebuiltFromTheTables() {
        Dashboard incremental = figures.figures(List.of(fund, other), DashboardFilter.NONE);
        readModel.rebuild();
        Dashboard rebuilt = figures.figures(List.of(fund, other), DashboardFilter.NONE);
        assertThat(rebuilt).isEqualTo(incremental);
    }

    @Test
    void aRolledBackChangeLeavesTheReadModelAsItWas() {
        String before = jdbc.sql("SELECT status FROM dashboard_application WHERE application_id = :id")
                .param("id", inAssessment).query(String.class).single();
        try {
            transactions.executeWithoutResult(tx -> {
                jdbc.sql("UPDATE application SET status = 'WITHDRAWN' WHERE id = :id").param("id", inAssessment)
                        .update();
                readModel.mark(List.of(inAssessment));
                throw new IllegalStateException("changed my mind");
            });
        } catch (IllegalStateException expected) {
            // rolled back
        }
        assertThat(jdbc.sql("SELECT status FROM dashboard_application WHERE application_id = :id")
                .param("id", inAssessment).query(String.class).single()).isEqualTo(before);
    }

    @Test
    void eachPersonSeesOnlyTheirFunds() {
        CurrentUser funder = data.funderOf(other);
        assertThat(figures.read(funder, DashboardFilter.NONE).funds()).extracting(Dashboard.FundLine::fundId)
                .containsExactly(other.id());
        assertThatThrownBy(() -> figures.read(funder, DashboardFilter.ofFund(fund.id())))
                .isInstanceOf(NotFoundException.class);
        CurrentUser linkedManager = data.managerOf(fund);
        assertThat(figures.read(linkedManager, DashboardFilter.NONE).funds()).extracting(Dashboard.FundLine::fundId)
                .containsExactly(fund.id());
        assertThat(figures.read(data.manager(), DashboardFilter.NONE).funds()).extracting(Dashboard.FundLine::fundId)
                .contains(fund.id(), other.id());
        assertThatThrownBy(() -> figures.read(data.assessor(), DashboardFilter.NONE))
                .isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> figures.read(data.charityApplicant(), DashboardFilter.NONE))
                .isInstanceOf(ForbiddenException.class);
    }

    private CurrentUser group(String name, LegalForm form, String postcode, String authority, String income) {
        // registered charities carry their OSCR number; a first-time group without one is always assessed in full
        String identifier = form == LegalForm.SCOTTISH_CHARITY
                ? "GB-SC-SC9" + String.format("%05d", CHARITY_NUMBERS.getAndIncrement() % 100000) : null;
        long id = organisations.create(name + " " + UUID.randomUUID().toString().substring(0, 6), form, identifier,
                postcode, authority, income == null ? null : new BigDecimal(income));
        return data.person("applicant-" + UUID.randomUUID().toString().substring(0, 8), id, Role.APPLICANT);
    }

    /** Moves the start back so it took {@code minutes}, and the decision and first payment to days after. */
    private void backdate(long id, int minutes, Integer decisionDays, Integer paymentDays) {
        jdbc.sql("UPDATE application SET submitted_at = :at, created_at = :start WHERE id = :id")
                .param("at", SUBMITTED_AT).param("start", SUBMITTED_AT.minusMinutes(minutes))
                .param("id", id).update();
        if (decisionDays != null) {
            jdbc.sql("UPDATE decision SET decided_at = :at WHERE application_id = :id")
                    .param("at", SUBMITTED_AT.plusDays(decisionDays).withHour(15))
                    .param("id", id).update();
        }
        if (paymentDays != null) {
            jdbc.sql("UPDATE payment SET paid_at = :at WHERE application_id = :id AND paid_at IS NOT NULL")
                    .param("at", SUBMITTED_AT.plusDays(paymentDays).withHour(10))
                    .param("id", id).update();
        }
    }

    private static RouteBurden route(Dashboard d, String route) {
        return d.burden().stream().filter(b -> b.route().equals(route)).findFirst().orElseThrow();
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }

    private static BigDecimal money(String amount) {
        return new BigDecimal(amount).setScale(2);
    }

    private static String key(String postcode) {
        return postcode.replace(" ", "").toUpperCase();
    }
}
