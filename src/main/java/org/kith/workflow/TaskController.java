package org.kith.workflow;

import java.util.List;
import java.util.Map;

import org.kith.identity.CurrentUser;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/tasks")
class TaskController {

    private final WorkflowTasks tasks;

    TaskController(WorkflowTasks tasks) {
        this.tasks = tasks;
    }

    @GetMapping
    List<TaskView> inbox(CurrentUser user) {
        return tasks.inbox(user);
    }

    @GetMapping("/{id}")
    TaskView show(CurrentUser user, @PathVariable String id) {
        return tasks.show(user, id);
    }

    @PostMapping("/{id}/claim")
    TaskOutcome claim(CurrentUser user, @PathVariable String id) {
        return tasks.claim(user, id);
    }

    @PostMapping("/{id}/complete")
    TaskOutcome complete(CurrentUser user, @PathVariable String id,
            @RequestBody(required = false) Map<String, Object> form) {
        return DeadlockRetry.run(() -> tasks.complete(user, id, form));
    }
}
