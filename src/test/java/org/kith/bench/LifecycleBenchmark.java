package org.kith.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.kith.funds.Fund;
import org.kith.identity.CurrentUser;
import org.kith.support.FundTweaks;
import org.kith.support.Journey;
import org.kith.support.KithTest;
import org.kith.support.TestData;
import org.kith.workflow.TaskKeys;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Not a test: a measurement, run only with {@code mvn -Pbench verify}. One thread drives light-touch
 * applications through the services (submit, assess, decide) and prints the latency of each step.
 * Figures and the command that produced them go in docs/performance.md.
 */
@Tag("bench")
@KithTest
class LifecycleBenchmark {

    private static final int WARM_UP = 20;
    private static final int ROUNDS = Integer.getInteger("kith.bench.rounds", 200);

    @Autowired
    Journey journey;
    @Autowired
    TestData data;
    @Autowired
    JdbcClient jdbc;

    /** Statements the server has answered so far, where the server counts them (MySQL/MariaDB); else -1. */
    private long statementsSoFar() {
        try {
            return jdbc.sql("SHOW GLOBAL STATUS LIKE 'Questions'").query((rs, row) -> rs.getLong(2)).single();
        } catch (RuntimeException notMySql) {
            return -1;
        }
    }

    @Test
    void lightTouchSubmitAssessDecide() {
        Fund fund = data.fund(f -> FundTweaks.withBudget(f, "1000000000"));
        CurrentUser assessor = data.assessor();
        CurrentUser manager = data.manager();
        measure(WARM_UP, fund, assessor, manager, null);
        List<long[]> timings = new ArrayList<>();
        long started = System.nanoTime();
        measure(ROUNDS, fund, assessor, manager, timings::add);
        Duration total = Duration.ofNanos(System.nanoTime() - started);
        report("submit (eligibility, routing DMN, assessment task)", timings, 0);
        report("complete assessApplication", timings, 1);
        report("complete decideApplication (AWARD, offer letter job queued)", timings, 2);
        System.out.printf("[bench] %d applications in %d ms: %.1f applications/s through three steps%n",
                ROUNDS, total.toMillis(), ROUNDS * 1000.0 / total.toMillis());
    }

    private void measure(int rounds, Fund fund, CurrentUser assessor, CurrentUser manager,
            Consumer<long[]> sink) {
        for (int i = 0; i < rounds; i++) {
            CurrentUser applicant = data.charityApplicant();
            long draft = journey.draft(applicant, fund, "3000");
            long[] t = new long[6];
            long before = statementsSoFar();
            t[0] = timed(() -> journey.submit(applicant, draft));
            long afterSubmit = statementsSoFar();
            t[1] = timed(() -> journey.complete(assessor, draft, TaskKeys.ASSESS_APPLICATION, Journey.scores("FUND")));
            long afterAssess = statementsSoFar();
            t[2] = timed(() -> journey.complete(manager, draft, TaskKeys.DECIDE_APPLICATION,
                    Map.of("outcome", "AWARD", "amountAwarded", 3000)));
            long afterDecide = statementsSoFar();
            // each reading of the counter is itself one statement
            t[3] = afterSubmit - before - 1;
            t[4] = afterAssess - afterSubmit - 1;
            t[5] = afterDecide - afterAssess - 1;
            if (sink != null) {
                sink.accept(t);
            }
        }
    }

    private static long timed(Runnable step) {
        long start = System.nanoTime();
        step.run();
        return System.nanoTime() - start;
    }

    private static void report(String step, List<long[]> timings, int column) {
        long[] sorted = timings.stream().mapToLong(t -> t[column]).sorted().toArray();
        long[] statements = timings.stream().mapToLong(t -> t[column + 3]).sorted().toArray();
        System.out.printf("[bench] %-62s median %6.1f ms  p95 %6.1f ms  max %6.1f ms  statements %s%n", step,
                millis(sorted[sorted.length / 2]), millis(sorted[(int) (sorted.length * 0.95)]),
                millis(Arrays.stream(sorted).max().orElse(0)),
                statements[0] < 0 ? "n/a" : Long.toString(statements[statements.length / 2]));
    }

    private static double millis(long nanos) {
        return nanos / 1_000_000.0;
    }
}
