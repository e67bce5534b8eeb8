package org.kith.workflow;

import java.util.List;

import org.flowable.engine.TaskService;
import org.flowable.task.api.Task;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The tasks someone holds, for when they leave: each goes back to its candidate pool through the engine's own
 * {@link TaskService#unclaim}, so the engine's events (and whatever listens to them) fire as for a give-back.
 */
@Component
public class AssignedTasks {

    private final TaskService tasks;

    AssignedTasks(TaskService tasks) {
        this.tasks = tasks;
    }

    /**
     * Unassigns every active task assigned to this username; its candidate groups may take it again.
     * @param actor who does it, named in the engine's history
     * @return the ids of the tasks given back
     */
    @Transactional
    public List<String> returnToPool(String username, String actor) {
        List<String> returned = tasks.createTaskQuery().taskAssignee(username).active().list().stream()
                .map(Task::getId).toList();
        EngineUser.as(actor, () -> {
            returned.forEach(tasks::unclaim);
            return null;
        });
        return returned;
    }
}
