package org.kith.workflow;

import java.util.List;
import java.util.Map;

import org.kith.identity.CurrentUser;
import org.kith.web.InvalidInputException;
import org.kith.web.Paging;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/tasks")
class TaskController {

    private final WorkflowTasks tasks;

    TaskController(WorkflowTasks tasks) {
        this.tasks = tasks;
    }

    /**
     * The caller's inbox, oldest first, in pages of up to 500 ({@code ?page=0&size=500}, optionally
     * {@code &key=assessApplication}). A {@code Link: <...>; rel="next"} header says another page may follow.
     */
    @GetMapping
    ResponseEntity<List<TaskView>> inbox(CurrentUser user, @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "" + WorkflowTasks.MAX_PAGE_SIZE) int size,
            @RequestParam(required = false) String key) {
        Paging paging = Paging.of(page, size, WorkflowTasks.MAX_PAGE_SIZE);
        if (key != null && !tasks.knowsTaskKey(key)) {
            throw InvalidInputException.of("key", "There is no kind of task called " + key + ".");
        }
        WorkflowTasks.InboxPage found = tasks.inbox(user, paging, key);
        ResponseEntity.BodyBuilder reply = ResponseEntity.ok();
        paging.nextLink(found.more()).ifPresent(link -> reply.header(HttpHeaders.LINK, link));
        return reply.body(found.tasks());
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
