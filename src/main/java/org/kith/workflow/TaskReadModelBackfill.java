package org.kith.workflow;

import java.util.List;

import org.flowable.engine.RuntimeService;
import org.flowable.engine.TaskService;
import org.flowable.engine.runtime.ProcessInstance;
import org.flowable.task.api.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;

/**
 * A deployment upgraded to the read model has open tasks and an empty {@code task_item}: the migration cannot
 * call Java, so at start-up, when the table is empty but the engine has tasks, this fills it from the engine's
 * active tasks. Idempotent: a task already there (written meanwhile by {@link TaskReadModel}, or by another node
 * starting at the same time) is skipped.
 */
@Component
class TaskReadModelBackfill {

    private static final Logger log = LoggerFactory.getLogger(TaskReadModelBackfill.class);
    private static final int BATCH = 500;

    private final TaskItems items;
    private final TaskReadModel model;
    private final TaskService tasks;
    private final RuntimeService runtime;

    TaskReadModelBackfill(TaskItems items, TaskReadModel model, TaskService tasks, RuntimeService runtime) {
        this.items = items;
        this.model = model;
        this.tasks = tasks;
        this.runtime = runtime;
    }

    @EventListener(ApplicationReadyEvent.class)
    void onStart() {
        int filled = fillIfEmpty();
        if (filled > 0) {
            log.info("Task inbox: filled the read model with {} open tasks", filled);
        }
    }

    /** How many tasks it wrote. */
    int fillIfEmpty() {
        if (!items.isEmpty() || tasks.createTaskQuery().count() == 0) {
            return 0;
        }
        int filled = 0;
        for (int first = 0;; first += BATCH) {
            List<Task> page = tasks.createTaskQuery().includeIdentityLinks().orderByTaskId().asc()
                    .listPage(first, BATCH);
            for (Task task : page) {
                if (task.getProcessInstanceId() != null && !items.exists(task.getId()) && fill(task)) {
                    filled++;
                }
            }
            if (page.size() < BATCH) {
                return filled;
            }
        }
    }

    private boolean fill(Task task) {
        ProcessInstance process = runtime.createProcessInstanceQuery().processInstanceId(task.getProcessInstanceId())
                .singleResult();
        if (process == null || process.getBusinessKey() == null) {
            return false;
        }
        try {
            items.insert(model.item(task, Long.parseLong(process.getBusinessKey())), task.getProcessInstanceId(),
                    TaskReadModel.candidateGroups(task.getIdentityLinks()));
            return true;
        } catch (DuplicateKeyException writtenMeanwhile) {
            return false;
        }
    }
}
