package org.kith.bench;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.kith.funds.Fund;
import org.kith.identity.CurrentUser;
import org.kith.support.FundTweaks;
import org.kith.support.Journey;
import org.kith.support.KithTest;
import org.kith.support.StatementCounter;
import org.kith.support.TestData;
import org.kith.workflow.TaskView;
import org.kith.workflow.WorkflowTasks;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Not a test: a measurement, run only with {@code mvn -Pbench verify}. Fills the assessors' pool with
 * {@code kith.bench.pool} light-touch applications (default 2,000), then times an assessor opening the inbox.
 * Figures and the command that produced them go in docs/performance.md.
 */
@Tag("bench")
@KithTest
class InboxBenchmark {

    private static final int POOL = Integer.getInteger("kith.bench.pool", 2000);
    private static final int READS = 50;

    @Autowired
    Journey journey;
    @Autowired
    TestData data;
    @Autowired
    WorkflowTasks tasks;
    @Autowired
    StatementCounter counter;

    @Test
    void anAssessorOpensTheInboxWithThousandsOfApplicationsInThePool() {
        Fund fund = data.fund(f -> FundTweaks.withBudget(f, "1000000000"));
        long started = System.nanoTime();
        for (int i = 0; i < POOL; i++) {
            journey.submitted(data.charityApplicant(), fund, "3000");
        }
        System.out.printf("[bench] pool of %d submitted in %.1f s%n", POOL, (System.nanoTime() - started) / 1e9);

        CurrentUser assessor = data.assessor();
        for (int i = 0; i < 5; i++) {
            tasks.inbox(assessor);
        }
        long[] nanos = new long[READS];
        StatementCounter.Counted<List<TaskView>> last = null;
        for (int i = 0; i < READS; i++) {
            long start = System.nanoTime();
            last = counter.count(() -> tasks.inbox(assessor));
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        System.out.printf("[bench] inbox of an assessor, %d tasks in the pool: median %.1f ms  p95 %.1f ms  "
                + "max %.1f ms  statements %d  tasks returned %d%n", POOL, nanos[READS / 2] / 1e6,
                nanos[(int) (READS * 0.95)] / 1e6, nanos[READS - 1] / 1e6, last.statements(), last.result().size());
    }
}
