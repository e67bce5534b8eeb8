package org.kith.awards;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.flowable.engine.TaskService;
import org.flowable.task.api.Task;
import org.kith.applications.Application;
import org.kith.applications.ApplicationAccess;
import org.kith.applications.ApplicationStatus;
import org.kith.applications.Applications;
import org.kith.assessment.AssessmentScores;
import org.kith.assessment.Recommendation;
import org.kith.funds.Fund;
import org.kith.funds.Funds;
import org.kith.identity.CurrentUser;
import org.kith.identity.Role;
import org.kith.identity.UserAccounts;
import org.kith.organisations.Organisations;
import org.kith.web.ForbiddenException;
import org.kith.web.NotFoundException;
import org.kith.workflow.TaskKeys;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What a fund manager decides on: per fund, the applications waiting for a decision (a waiting decideApplication
 * task), ranked by the mean of the assessors' weighted scores, highest first; applications with no score after,
 * oldest received first; ties by received date. Also the fund's money: budget, committed (awards offered,
 * accepted or paid: {@link AwardRecords#committed}) and left.
 *
 * <p>Who may look: fund managers at the funds they manage, administrators at every fund (to view: deciding is the
 * fund manager's). Anyone else is refused (403); a fund manager at a fund that is not theirs finds nothing (404).
 */
@Service
public class DecisionQueue {

    /** Assessors' weighted scores this many percentage points apart or more are flagged as disagreeing. */
    public static final int DISAGREEMENT_POINTS = 25;

    /** The most applications one queue shows. */
    static final int MAX_QUEUE = 1000;

    /** One assessor's scoring, with the assessor's name as people know them. */
    public record Assessment(String assessor, Map<String, Integer> scores, BigDecimal weightedScore,
            Recommendation recommendation, String comment) {
    }

    /** {@code assignee}: the fund manager who has taken the decision task, if anyone has. */
    public record Item(Application app, String groupName, List<Assessment> assessments, BigDecimal meanScore,
            boolean disagree, String assignee) {

        public long id() {
            return app.id();
        }

        /** The gap between the highest and lowest weighted score, in percentage points; null under two scores. */
        public BigDecimal spread() {
            return DecisionQueue.spread(assessments);
        }
    }

    public record Budget(BigDecimal budget, BigDecimal committed) {

        public BigDecimal left() {
            return budget.subtract(committed);
        }
    }

    public record Queue(Fund fund, Budget budget, List<Item> items) {

        /** The applications among these ids that are in the queue, in queue order. */
        public List<Item> among(Collection<Long> ids) {
            Set<Long> wanted = Set.copyOf(ids);
            return items.stream().filter(i -> wanted.contains(i.id())).toList();
        }

        /** The amounts asked by the ticked applications (ids not in the queue count for nothing). */
        public BigDecimal askedBy(Collection<Long> ticked) {
            return among(ticked).stream().map(i -> i.app().amountRequested()).reduce(BigDecimal.ZERO, BigDecimal::add);
        }

        /** What would be left of the budget if the ticked applications were awarded what they asked for. */
        public BigDecimal leftIfAwarded(Collection<Long> ticked) {
            return budget.left().subtract(askedBy(ticked));
        }

        public BigDecimal totalAsked() {
            return askedBy(items.stream().map(Item::id).toList());
        }
    }

    public record FundSummary(Fund fund, long awaiting, Budget budget) {
    }

    private final Funds funds;
    private final Applications applications;
    private final ApplicationAccess access;
    private final AwardRecords records;
    private final AssessmentScores scores;
    private final Organisations organisations;
    private final UserAccounts accounts;
    private final TaskService tasks;
    private final JdbcClient jdbc;

    DecisionQueue(Funds funds, Applications applications, ApplicationAccess access, AwardRecords records,
            AssessmentScores scores, Organisations organisations, UserAccounts accounts, TaskService tasks,
            JdbcClient jdbc) {
        this.funds = funds;
        this.applications = applications;
        this.access = access;
        this.records = records;
        this.scores = scores;
        this.organisations = organisations;
        this.accounts = accounts;
        this.tasks = tasks;
        this.jdbc = jdbc;
    }

    /** Fund managers and administrators; anyone else is refused. */
    public static void checkMayLook(CurrentUser user) {
        if (!user.has(Role.FUND_MANAGER) && !user.has(Role.ADMIN)) {
            throw new ForbiddenException("Decisions are for fund managers.");
        }
    }

    /** The fund, if this person may see its decisions: 403 for other roles, 404 for a fund not theirs. */
    public Fund fund(CurrentUser user, long fundId) {
        checkMayLook(user);
        Fund fund = funds.find(fundId).orElseThrow(() -> noFund(fundId));
        if (!user.has(Role.ADMIN) && !user.managesFund(fundId)) {
            throw noFund(fundId);
        }
        return fund;
    }

    /** Whether this person decides in the fund (administrators only look). */
    public static boolean mayDecide(CurrentUser user, long fundId) {
        return user.managesFund(fundId);
    }

    /** The funds this person manages (an administrator: every fund), with how many wait and the money. */
    @Transactional(readOnly = true)
    public List<FundSummary> overview(CurrentUser user) {
        checkMayLook(user);
        Map<Long, Long> waiting = new HashMap<>();
        jdbc.sql("SELECT fund_id, COUNT(*) AS n FROM application WHERE status = :status GROUP BY fund_id")
                .param("status", ApplicationStatus.AWAITING_DECISION.name())
                .query((rs, row) -> waiting.put(rs.getLong("fund_id"), rs.getLong("n"))).list();
        return funds.all().stream()
                .filter(f -> user.has(Role.ADMIN) || user.managesFund(f.id()))
                .map(f -> new FundSummary(f, waiting.getOrDefault(f.id(), 0L), budget(f)))
                .toList();
    }

    public Budget budget(Fund fund) {
        return new Budget(fund.budget(), records.committed(fund.id()));
    }

    /** The fund's queue, ranked; see the class comment for who may see it. */
    @Transactional(readOnly = true)
    public Queue queue(CurrentUser user, long fundId) {
        Fund fund = fund(user, fundId);
        List<Application> awaiting = applications.page(null, fundId, ApplicationStatus.AWAITING_DECISION, 0,
                MAX_QUEUE);
        Map<Long, Application> readable = access.readableAmong(user,
                awaiting.stream().map(Application::id).toList());
        Map<String, Task> decisionTasks = decisionTasks(readable.values());
        List<Application> inQueue = readable.values().stream()
                .filter(a -> decisionTasks.containsKey(a.processInstanceId())).toList();
        Map<Long, List<AssessmentScores.Score>> scored = scores.scoresFor(inQueue.stream().map(Application::id)
                .toList());
        Map<String, String> names = new HashMap<>();
        Map<Long, String> groups = new HashMap<>();
        List<Item> items = inQueue.stream()
                .map(a -> item(a, scored.getOrDefault(a.id(), List.of()), decisionTasks.get(a.processInstanceId()),
                        names, groups))
                .sorted(RANKING)
                .toList();
        return new Queue(fund, budget(fund), items);
    }

    /** Highest mean score first; unscored after; then oldest received first. */
    static final Comparator<Item> RANKING = Comparator
            .comparing(Item::meanScore, Comparator.nullsLast(Comparator.<BigDecimal>reverseOrder()))
            .thenComparing(i -> i.app().submittedAt(), Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(Item::id);

    private Item item(Application app, List<AssessmentScores.Score> scored, Task task, Map<String, String> names,
            Map<Long, String> groups) {
        List<Assessment> assessments = scored.stream()
                .map(s -> new Assessment(names.computeIfAbsent(s.assessor(), this::displayName), s.scores(),
                        s.weightedScore(), s.recommendation(), s.comment()))
                .toList();
        String group = groups.computeIfAbsent(app.organisationId(),
                id -> organisations.find(id).map(o -> o.name()).orElse(""));
        BigDecimal spread = spread(assessments);
        boolean disagree = spread != null && spread.compareTo(BigDecimal.valueOf(DISAGREEMENT_POINTS)) >= 0;
        return new Item(app, group, assessments, AssessmentScores.mean(scored), disagree, task.getAssignee());
    }

    static BigDecimal spread(List<Assessment> assessments) {
        List<BigDecimal> scores = assessments.stream().map(Assessment::weightedScore).filter(s -> s != null).toList();
        return scores.size() < 2 ? null
                : scores.stream().max(Comparator.naturalOrder()).orElseThrow()
                        .subtract(scores.stream().min(Comparator.naturalOrder()).orElseThrow());
    }

    private String displayName(String username) {
        return accounts.account(username).map(UserAccounts.Account::displayName)
                .filter(n -> n != null && !n.isBlank()).orElse(username);
    }

    private Map<String, Task> decisionTasks(Collection<Application> apps) {
        Set<String> processes = apps.stream().map(Application::processInstanceId).filter(p -> p != null)
                .collect(Collectors.toSet());
        if (processes.isEmpty()) {
            return Map.of();
        }
        return tasks.createTaskQuery().processInstanceIdIn(processes).taskDefinitionKey(TaskKeys.DECIDE_APPLICATION)
                .active().list().stream()
                .collect(Collectors.toMap(Task::getProcessInstanceId, t -> t, (a, b) -> a));
    }

    private static NotFoundException noFund(long fundId) {
        return new NotFoundException("There is no fund " + fundId + " whose decisions you can see.");
    }
}
