package org.kith.seeding;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.flowable.engine.ManagementService;
import org.flowable.engine.ProcessEngineConfiguration;
import org.flowable.engine.TaskService;
import org.flowable.job.api.Job;
import org.flowable.task.api.Task;
import org.kith.applications.Application;
import org.kith.applications.ApplicationChanged;
import org.kith.applications.ApplicationRequest;
import org.kith.applications.ApplicationService;
import org.kith.applications.Applications;
import org.kith.funds.Fund;
import org.kith.funds.Funds;
import org.kith.identity.CurrentUser;
import org.kith.identity.Role;
import org.kith.identity.UserAccounts;
import org.kith.organisations.LegalForm;
import org.kith.organisations.Organisations;
import org.kith.workflow.TaskKeys;
import org.kith.workflow.WorkflowTasks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.core.io.ResourceLoader;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A small demo portfolio (seeds/portfolio.json) so the funder dashboards have something to show: groups across
 * Scotland and applications at every stage, walked through the real lifecycle by the demo staff accounts, then
 * moved back in time as if it had taken months. Loaded once, when Kith is ready (the processes deployed, the demo
 * accounts made), by the embedded default only ({@code kith.demo-data.portfolio}); an application that cannot be
 * walked (a fund closed since) is skipped.
 */
@Component
@ConditionalOnProperty(name = "kith.demo-data.portfolio", havingValue = "true")
class DemoPortfolio {

    private static final Logger log = LoggerFactory.getLogger(DemoPortfolio.class);

    record Portfolio(List<DemoData.SeedOrganisation> groups, List<SeedApplication> applications) {
    }

    record Report(int peopleReached, BigDecimal amountSpent, String whatWeDid, String differenceItMade,
            String whatWeLearned) {
    }

    /** {@code outcome}: SUBMITTED, AWAITING_DECISION, DECLINED, OFFERED, FUNDED, PAID or REPORTED. */
    record SeedApplication(String group, String fund, String title, String summary, BigDecimal amount,
            String outcome, int daysAgo, int minutesToApply, Integer decidedAfterDays, Integer paidAfterDays,
            Integer reportDueDaysAgo, Report report) {
    }

    private static final List<String> STEPS = List.of("SUBMITTED", "AWAITING_DECISION", "DECLINED", "OFFERED",
            "FUNDED", "PAID", "REPORTED");

    private final ResourceLoader resources;
    private final ObjectMapper json;
    private final Funds funds;
    private final Organisations organisations;
    private final UserAccounts accounts;
    private final ApplicationService service;
    private final Applications applications;
    private final WorkflowTasks tasks;
    private final TaskService engineTasks;
    private final ManagementService management;
    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final ProcessEngineConfiguration engine;
    private final String location;

    DemoPortfolio(ProcessEngineConfiguration engine, @Value("${kith.demo-data.location}") String location,
            ResourceLoader resources, ObjectMapper json, Funds funds, Organisations organisations,
            UserAccounts accounts, ApplicationService service, Applications applications, WorkflowTasks tasks,
            TaskService engineTasks, ManagementService management, JdbcClient jdbc, ApplicationEventPublisher events) {
        this.engine = engine;
        this.location = location.endsWith("/") ? location : location + "/";
        this.resources = resources;
        this.json = json;
        this.funds = funds;
        this.organisations = organisations;
        this.accounts = accounts;
        this.service = service;
        this.applications = applications;
        this.tasks = tasks;
        this.engineTasks = engineTasks;
        this.management = management;
        this.jdbc = jdbc;
        this.events = events;
    }

    /** Once the processes are deployed and the demo accounts exist: that is, once Kith is ready. */
    @EventListener(ApplicationReadyEvent.class)
    void loadWhenReady() {
        load();
    }

    /** Walks the portfolio unless its first group already exists; returns the applications' ids. */
    List<Long> load() {
        Portfolio portfolio = read(location + "portfolio.json");
        if (portfolio.groups().isEmpty()
                || organisations.findByName(portfolio.groups().get(0).name()).isPresent()) {
            return List.of();
        }
        Map<String, Long> groups = new HashMap<>();
        for (DemoData.SeedOrganisation g : portfolio.groups()) {
            groups.put(g.name(), organisations.create(g.name(), g.legalForm(), g.orgIdentifier(), g.postcode(),
                    g.localAuthority(), g.annualIncome()));
        }
        List<Long> walked = new java.util.ArrayList<>();
        for (SeedApplication a : portfolio.applications()) {
            try {
                walked.add(walk(a, groups.get(a.group())));
            } catch (RuntimeException e) {
                log.warn("Demo portfolio: skipped \"{}\" ({})", a.title(), e.getMessage());
            }
        }
        log.info("Demo portfolio: {} applications walked through the lifecycle", walked.size());
        return walked;
    }

    private long walk(SeedApplication seed, long organisationId) {
        Fund fund = funds.findBySlug(seed.fund()).orElseThrow();
        CurrentUser group = new CurrentUser("demo-portfolio", Set.of(Role.APPLICANT), organisationId);
        CurrentUser manager = staff("manager1");
        int reached = STEPS.indexOf(seed.outcome());
        if (reached < 0) {
            throw new IllegalArgumentException("unknown outcome " + seed.outcome());
        }
        long id = service.createDraft(group, new ApplicationRequest(fund.id(), seed.title(), seed.summary(),
                seed.amount(), answers(fund, seed)), null).id();
        service.submit(group, id);
        if (reached >= 1) {
            List<String> assessors = List.of("assessor1", "assessor2");
            List<Task> open = open(id, TaskKeys.ASSESS_APPLICATION);
            for (int i = 0; i < open.size(); i++) {
                tasks.complete(staff(assessors.get(i % 2)), open.get(i).getId(), scores(fund));
            }
        }
        if (reached == 2) {
            String reason = fund.declineReasons().isEmpty() ? "This round had far more strong applications than it "
                    + "could fund." : fund.declineReasons().get(0).text();
            complete(manager, id, TaskKeys.DECIDE_APPLICATION, Map.of("outcome", "DECLINE", "reason", reason));
        }
        if (reached >= 3) {
            complete(manager, id, TaskKeys.DECIDE_APPLICATION, Map.of("outcome", "AWARD", "amountAwarded",
                    seed.amount()));
            runJobs(id);
        }
        if (reached >= 4) {
            complete(group, id, TaskKeys.ACCEPT_OFFER, Map.of("accept", true));
            runJobs(id);
        }
        if (reached >= 5) {
            complete(manager, id, TaskKeys.RECORD_PAYMENT, Map.of("paid", true));
        }
        if (reached >= 6 && seed.report() != null) {
            Report r = seed.report();
            complete(group, id, TaskKeys.SUBMIT_REPORT, Map.of("whatWeDid", r.whatWeDid(),
                    "differenceItMade", r.differenceItMade(), "whatWeLearned", r.whatWeLearned(),
                    "peopleReached", r.peopleReached(), "amountSpent", r.amountSpent()));
            complete(manager, id, TaskKeys.REVIEW_REPORT, Map.of("outcome", "ACCEPT"));
        }
        backdate(id, seed);
        events.publishEvent(new ApplicationChanged(id));
        return id;
    }

    /** As if it had taken months: everything moved back to the day of submission, then each step to its day. */
    private void backdate(long id, SeedApplication seed) {
        Application a = applications.get(id);
        LocalDateTime submitted = LocalDate.now().minusDays(seed.daysAgo()).atTime(10, 30);
        long back = java.time.Duration.between(submitted, a.submittedAt()).toMinutes();
        shift("application", "application_id", id, back, "created_at", "updated_at", "submitted_at");
        jdbc.sql("UPDATE application SET submitted_at = :at, created_at = :start WHERE id = :id")
                .param("at", submitted).param("start", submitted.minusMinutes(seed.minutesToApply()))
                .param("id", id).update();
        shift("audit_event", "application_id", id, back, "occurred_at");
        shift("assessment", "application_id", id, back, "recorded_at");
        int decided = seed.decidedAfterDays() == null ? 0 : seed.decidedAfterDays();
        shift("decision", "application_id", id, back - decided * 1440L, "decided_at");
        shift("award", "application_id", id, back - decided * 1440L, "offered_at", "responded_at");
        if (seed.paidAfterDays() != null) {
            shift("payment", "application_id", id, back - seed.paidAfterDays() * 1440L, "paid_at");
        }
        if (seed.reportDueDaysAgo() != null) {
            jdbc.sql("UPDATE grant_report SET due_on = :due WHERE application_id = :id")
                    .param("due", LocalDate.now().minusDays(seed.reportDueDaysAgo())).param("id", id).update();
        }
    }

    /** Moves these timestamp columns of the application's rows back by {@code minutes}. */
    private void shift(String table, String key, long id, long minutes, String... columns) {
        for (String column : columns) {
            jdbc.sql("UPDATE " + table + " SET " + column + " = TIMESTAMPADD(MINUTE, :back, " + column + ") WHERE "
                            + (table.equals("application") ? "id" : key) + " = :id AND " + column + " IS NOT NULL")
                    .param("back", -minutes).param("id", id).update();
        }
    }

    private CurrentUser staff(String username) {
        return accounts.current(username).orElseThrow(() -> new IllegalStateException("no demo account " + username));
    }

    private void complete(CurrentUser user, long id, String taskKey, Map<String, Object> form) {
        List<Task> open = open(id, taskKey);
        if (open.isEmpty()) {
            throw new IllegalStateException("no open " + taskKey + " task");
        }
        tasks.complete(user, open.get(0).getId(), form);
    }

    private List<Task> open(long id, String taskKey) {
        return engineTasks.createTaskQuery().processInstanceId(applications.get(id).processInstanceId())
                .taskDefinitionKey(taskKey).list();
    }

    /**
     * Waits for the async work after a decision (the offer letter, the grant's start), or does it here when no
     * job executor runs (tests).
     */
    private void runJobs(long id) {
        String process = applications.get(id).processInstanceId();
        boolean executorRuns = engine.getAsyncExecutor() != null && engine.getAsyncExecutor().isActive();
        for (int round = 0; round < 300; round++) {
            List<Job> jobs = management.createJobQuery().processInstanceId(process).list();
            if (jobs.isEmpty()) {
                return;
            }
            if (executorRuns) {
                sleep();
            } else {
                jobs.forEach(j -> management.executeJob(j.getId()));
            }
        }
        throw new IllegalStateException("its jobs did not finish");
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static Map<String, String> answers(Fund fund, SeedApplication seed) {
        Map<String, String> answers = new LinkedHashMap<>();
        for (Fund.Question q : fund.questions()) {
            if (q.required()) {
                answers.put(q.key(), seed.summary() + ".");
            }
        }
        return answers;
    }

    private static Map<String, Object> scores(Fund fund) {
        Map<String, Object> scores = new LinkedHashMap<>();
        for (Fund.Criterion c : fund.criteria()) {
            scores.put(c.key(), BigDecimal.valueOf(c.maxScore() * 0.8).setScale(0, RoundingMode.HALF_UP).intValue());
        }
        return Map.of("conflictOfInterest", false, "scores", scores, "comment", "A clear need and a realistic plan.",
                "recommendation", "FUND");
    }

    private Portfolio read(String file) {
        try (InputStream in = resources.getResource(file).getInputStream()) {
            return json.readValue(in, Portfolio.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read demo data " + file, e);
        }
    }
}
