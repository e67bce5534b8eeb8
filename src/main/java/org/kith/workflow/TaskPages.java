package org.kith.workflow;

import java.util.Map;
import java.util.Optional;

import org.kith.identity.CurrentUser;
import org.kith.web.ConflictException;
import org.springframework.stereotype.Component;

/**
 * Pages act on a task by what it is ("answer the question"), not by task id: this finds the task of that kind
 * waiting on the application's process and completes it through {@link WorkflowTasks}, so every rule is checked.
 */
@Component
public class TaskPages {

    private final ProcessProgress progress;
    private final WorkflowTasks tasks;

    TaskPages(ProcessProgress progress, WorkflowTasks tasks) {
        this.progress = progress;
        this.tasks = tasks;
    }

    /**
     * Completes the waiting task of this kind with the form. Empty when there is none any more: it was done
     * already, perhaps a moment ago by the same form sent twice (the second waits for the first, then finds it
     * done). A form that breaks a rule throws {@code InvalidInputException}, with the fields at fault.
     */
    public Optional<TaskOutcome> completeWaiting(CurrentUser user, String processInstanceId, String taskKey,
            Map<String, Object> form) {
        Optional<ProcessProgress.Waiting> waiting = progress.of(processInstanceId).task(taskKey);
        if (waiting.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(DeadlockRetry.run(() -> tasks.complete(user, waiting.get().taskId(), form)));
        } catch (ConflictException alreadyDone) {
            return Optional.empty();
        }
    }
}
