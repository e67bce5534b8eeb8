package org.kith.bench;

import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.flowable.common.engine.impl.history.HistoryLevel;
import org.flowable.common.engine.impl.persistence.StrongUuidGenerator;
import org.flowable.engine.ProcessEngine;
import org.flowable.engine.ProcessEngineConfiguration;
import org.flowable.engine.RuntimeService;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/**
 * The baseline the rush is held against: a bare Flowable engine of the version Kith runs, on the same kind of
 * database with the same pool and isolation, starting a process of one user task with two variables from C
 * threads. What Kith adds (HTTP, security, sessions, its own tables, eligibility, routing) is the difference.
 */
final class BareEngine implements AutoCloseable {

    private static final String ONE_USER_TASK = """
            <?xml version="1.0" encoding="UTF-8"?>
            <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"
                targetNamespace="https://kith.example/bench">
              <process id="benchOneTask" isExecutable="true">
                <startEvent id="start"/>
                <sequenceFlow id="toTask" sourceRef="start" targetRef="task"/>
                <userTask id="task" name="Task"/>
                <sequenceFlow id="toEnd" sourceRef="task" targetRef="end"/>
                <endEvent id="end"/>
              </process>
            </definitions>""";

    record Result(int concurrency, double startsPerSecond, double cpuMillisPerStart, long errors) {
    }

    private final HikariDataSource dataSource;
    private final ProcessEngine engine;

    BareEngine(String jdbcUrl, String user, String password, int poolSize) {
        HikariConfig pool = new HikariConfig();
        pool.setJdbcUrl(jdbcUrl);
        pool.setUsername(user);
        pool.setPassword(password);
        pool.setMaximumPoolSize(poolSize);
        pool.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
        pool.setAutoCommit(false);
        dataSource = new HikariDataSource(pool);
        ProcessEngineConfiguration configuration = ProcessEngineConfiguration
                .createStandaloneProcessEngineConfiguration()
                .setDataSource(dataSource)
                .setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE)
                .setAsyncExecutorActivate(false)
                .setHistoryLevel(HistoryLevel.AUDIT);
        // as Flowable's Spring Boot starter (and so Kith) makes ids: no shared id block to contend for
        configuration.setIdGenerator(new StrongUuidGenerator());
        configuration.setEngineName("bench-baseline");
        engine = configuration.buildProcessEngine();
        engine.getRepositoryService().createDeployment().addString("one-task.bpmn20.xml", ONE_USER_TASK).deploy();
    }

    /** Closed loop: C threads start processes back to back for warm-up plus window; starts in the window count. */
    Result run(int concurrency, Duration warmUp, Duration window) throws InterruptedException {
        RuntimeService runtime = engine.getRuntimeService();
        AtomicBoolean counting = new AtomicBoolean();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong starts = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        Thread[] threads = new Thread[concurrency];
        for (int i = 0; i < concurrency; i++) {
            threads[i] = new Thread(() -> {
                while (!stop.get()) {
                    try {
                        runtime.startProcessInstanceByKey("benchOneTask",
                                Map.of("applicationId", System.nanoTime(), "applicantGroup", "organisation-1"));
                        if (counting.get()) {
                            starts.incrementAndGet();
                        }
                    } catch (RuntimeException e) {
                        errors.incrementAndGet();
                    }
                }
            }, "baseline-" + i);
            threads[i].start();
        }
        Thread.sleep(warmUp.toMillis());
        long cpuBefore = processCpuNanos();
        long before = System.nanoTime();
        counting.set(true);
        Thread.sleep(window.toMillis());
        counting.set(false);
        double seconds = (System.nanoTime() - before) / 1e9;
        long cpu = processCpuNanos() - cpuBefore;
        stop.set(true);
        for (Thread thread : threads) {
            thread.join();
        }
        long counted = starts.get();
        return new Result(concurrency, counted / seconds, counted == 0 ? 0 : cpu / 1e6 / counted, errors.get());
    }

    /** Started process instances, to check the database really holds what was counted. */
    long instances() throws Exception {
        try (Connection c = dataSource.getConnection(); var s = c.createStatement();
                var rs = s.executeQuery("SELECT COUNT(*) FROM ACT_HI_PROCINST")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    @Override
    public void close() {
        engine.close();
        dataSource.close();
    }
}
