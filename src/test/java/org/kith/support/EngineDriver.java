package org.kith.support;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import org.flowable.engine.ManagementService;
import org.flowable.engine.ProcessEngineConfiguration;
import org.flowable.job.api.Job;
import org.springframework.stereotype.Component;

/**
 * Moves the engine clock and runs due jobs by hand, so timers are tested without sleeping and async jobs
 * run exactly when a test says. The async executor is off in tests.
 */
@Component
public class EngineDriver {

    private final ProcessEngineConfiguration engine;
    private final ManagementService management;

    EngineDriver(ProcessEngineConfiguration engine, ManagementService management) {
        this.engine = engine;
        this.management = management;
    }

    public Instant now() {
        return engine.getClock().getCurrentTime().toInstant();
    }

    public void advance(Duration by) {
        engine.getClock().setCurrentTime(Date.from(now().plus(by)));
    }

    public void resetClock() {
        engine.getClock().reset();
    }

    /** Runs every due timer and async job of this process instance until none is left. */
    public void runDueJobs(String processInstanceId) {
        for (int round = 0; round < 50; round++) {
            List<Job> timers = management.createTimerJobQuery().processInstanceId(processInstanceId)
                    .executable().list();
            timers.forEach(t -> management.moveTimerToExecutableJob(t.getId()));
            List<Job> jobs = management.createJobQuery().processInstanceId(processInstanceId).list();
            if (jobs.isEmpty()) {
                return;
            }
            jobs.forEach(j -> management.executeJob(j.getId()));
        }
        throw new IllegalStateException("jobs of " + processInstanceId + " keep coming");
    }

    public List<Job> pendingTimers(String processInstanceId) {
        return management.createTimerJobQuery().processInstanceId(processInstanceId).list();
    }

    public List<Job> deadLetters(String processInstanceId) {
        return management.createDeadLetterJobQuery().processInstanceId(processInstanceId).list();
    }
}
