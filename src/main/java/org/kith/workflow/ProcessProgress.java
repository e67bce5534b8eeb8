package org.kith.workflow;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.flowable.engine.RuntimeService;
import org.flowable.engine.TaskService;
import org.flowable.task.api.Task;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Where a process stands, read from the engine for pages that tell people where their application is: the user
 * tasks waiting and the activities running now (an async job such as the offer letter counts). Read only: acting
 * on a task goes through {@link WorkflowTasks}, which checks who may.
 */
@Component
public class ProcessProgress {

    /** A user task waiting for someone; {@code due} is its due date, if it has one. */
    public record Waiting(String taskId, String taskKey, LocalDate due) {
    }

    /** {@code running} is false once the process has ended (or never started: a draft). */
    public record Progress(boolean running, Set<String> activities, List<Waiting> tasks) {

        public static final Progress NONE = new Progress(false, Set.of(), List.of());

        public boolean isAt(String activityId) {
            return activities.contains(activityId);
        }

        public Optional<Waiting> task(String taskKey) {
            return tasks.stream().filter(t -> t.taskKey().equals(taskKey)).findFirst();
        }

        public boolean waitsFor(String taskKey) {
            return task(taskKey).isPresent();
        }
    }

    private final RuntimeService runtime;
    private final TaskService tasks;

    ProcessProgress(RuntimeService runtime, TaskService tasks) {
        this.runtime = runtime;
        this.tasks = tasks;
    }

    @Transactional(readOnly = true)
    public Progress of(String processInstanceId) {
        if (processInstanceId == null
                || runtime.createProcessInstanceQuery().processInstanceId(processInstanceId).count() == 0) {
            return Progress.NONE;
        }
        List<Waiting> waiting = tasks.createTaskQuery().processInstanceId(processInstanceId).active()
                .orderByTaskCreateTime().asc().list().stream()
                .map(ProcessProgress::waiting)
                .toList();
        return new Progress(true, Set.copyOf(runtime.getActiveActivityIds(processInstanceId)), waiting);
    }

    private static Waiting waiting(Task task) {
        Date due = task.getDueDate();
        return new Waiting(task.getId(), task.getTaskDefinitionKey(),
                due == null ? null : due.toInstant().atZone(ZoneOffset.UTC).toLocalDate());
    }
}
