package org.kith.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.flowable.engine.TaskService;
import org.flowable.task.api.Task;
import org.kith.applications.Application;
import org.kith.applications.ApplicationRequest;
import org.kith.applications.ApplicationService;
import org.kith.applications.ApplicationStatus;
import org.kith.applications.Applications;
import org.kith.funds.Fund;
import org.kith.identity.CurrentUser;
import org.kith.workflow.TaskKeys;
import org.kith.workflow.TaskOutcome;
import org.kith.workflow.WorkflowTasks;
import org.springframework.stereotype.Component;

/** Walks applications through the lifecycle the way the API does: through our services, never the engine directly. */
@Component
public class Journey {

    private final ApplicationService service;
    private final Applications applications;
    private final WorkflowTasks tasks;
    private final TaskService engineTasks;
    private final EngineDriver engine;
    private final TestData data;

    Journey(ApplicationService service, Applications applications, WorkflowTasks tasks, TaskService engineTasks,
            EngineDriver engine, TestData data) {
        this.service = service;
        this.applications = applications;
        this.tasks = tasks;
        this.engineTasks = engineTasks;
        this.engine = engine;
        this.data = data;
    }

    public static Map<String, String> answers() {
        return Map.of("whoBenefits", "Older people living alone in Leith", "whatDifference", "New friendships");
    }

    public long draft(CurrentUser applicant, Fund fund, String amount) {
        return service.createDraft(applicant, new ApplicationRequest(fund.id(), "Weekly lunch club",
                "A hot lunch and company every Tuesday", new BigDecimal(amount), answers()), null).id();
    }

    public Application submitted(CurrentUser applicant, Fund fund, String amount) {
        return submit(applicant, draft(applicant, fund, amount));
    }

    public Application submit(CurrentUser applicant, long draftId) {
        return service.submit(applicant, draftId);
    }

    public Application application(long id) {
        return applications.get(id);
    }

    public ApplicationStatus status(long id) {
        return applications.get(id).status();
    }

    public List<Task> open(long applicationId, String taskKey) {
        Application a = applications.get(applicationId);
        return engineTasks.createTaskQuery().processInstanceId(a.processInstanceId())
                .taskDefinitionKey(taskKey).list();
    }

    public Task one(long applicationId, String taskKey) {
        List<Task> found = open(applicationId, taskKey);
        assertThat(found).as("open %s tasks", taskKey).hasSize(1);
        return found.get(0);
    }

    public TaskOutcome complete(CurrentUser user, Task task, Map<String, Object> form) {
        return tasks.complete(user, task.getId(), form);
    }

    public TaskOutcome complete(CurrentUser user, long applicationId, String taskKey, Map<String, Object> form) {
        return complete(user, one(applicationId, taskKey), form);
    }

    public void runJobs(long applicationId) {
        engine.runDueJobs(applications.get(applicationId).processInstanceId());
    }

    public static Map<String, Object> scores(String recommendation) {
        return Map.of("conflictOfInterest", false,
                "scores", Map.of("need", 4, "difference", 4, "communityLed", 3, "deliverability", 5),
                "comment", "Clear need, realistic plan.", "recommendation", recommendation);
    }

    /** Every open assessment scored, each by a fresh assessor. */
    public void assessAll(long applicationId) {
        for (Task task : open(applicationId, TaskKeys.ASSESS_APPLICATION)) {
            complete(data.assessor(), task, scores("FUND"));
        }
    }

    /** Submitted, assessed, awarded in full, offer letter issued: the acceptOffer task is open. */
    public long offered(CurrentUser applicant, Fund fund, String amount) {
        long id = submitted(applicant, fund, amount).id();
        assessAll(id);
        complete(data.manager(), id, TaskKeys.DECIDE_APPLICATION,
                Map.of("outcome", "AWARD", "amountAwarded", new BigDecimal(amount)));
        runJobs(id);
        return id;
    }

    /** Offered and accepted: FUNDED, payments scheduled, report due. */
    public long funded(CurrentUser applicant, Fund fund, String amount) {
        long id = offered(applicant, fund, amount);
        complete(applicant, id, TaskKeys.ACCEPT_OFFER, Map.of("accept", true));
        assertThat(status(id)).isEqualTo(ApplicationStatus.FUNDED);
        return id;
    }
}
