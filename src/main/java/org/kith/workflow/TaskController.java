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
     * The caller's inbox, oldest received first, in pages of up to 500 ({@code ?page=0&size=500}, optionally
     * {@code &key=assessApplication}, {@code &fundId=3}, {@code &route=FULL}, {@code &due=OVERDUE|SOON},
     * {@code &sort=RECEIVED|DUE|AMOUNT}). A {@code Link: <...>; rel="next"} header says another page follows.
     */
    @GetMapping
    ResponseEntity<List<TaskView>> inbox(CurrentUser user, @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "" + WorkflowTasks.MAX_PAGE_SIZE) int size,
            @RequestParam(required = false) String key, @RequestParam(required = false) Long fundId,
            @RequestParam(required = false) String route, @RequestParam(required = false) String due,
            @RequestParam(required = false) String sort) {
        Paging paging = Paging.of(page, size, WorkflowTasks.MAX_PAGE_SIZE);
        if (key != null && !tasks.knowsTaskKey(key)) {
            throw InvalidInputException.of("key", "There is no kind of task called " + key + ".");
        }
        InboxQuery query = new InboxQuery(key, fundId, option(route, "route", "LIGHT_TOUCH", "FULL"),
                due == null ? null : InboxQuery.Due.valueOf(option(due, "due", "ANY", "OVERDUE", "SOON")),
                sort == null ? null : InboxQuery.Sort.valueOf(option(sort, "sort", "RECEIVED", "DUE", "AMOUNT")));
        WorkflowTasks.InboxItems found = tasks.inbox(user, paging, query);
        ResponseEntity.BodyBuilder reply = ResponseEntity.ok();
        paging.nextLink(found.more()).ifPresent(link -> reply.header(HttpHeaders.LINK, link));
        return reply.body(found.items().stream().map(InboxItem::view).toList());
    }

    private static String option(String value, String field, String... allowed) {
        if (value == null || List.of(allowed).contains(value)) {
            return value;
        }
        throw InvalidInputException.of(field, "Use one of " + String.join(", ", allowed) + ".");
    }

    @GetMapping("/{id}")
    TaskView show(CurrentUser user, @PathVariable String id) {
        return tasks.show(user, id);
    }

    @PostMapping("/{id}/claim")
    TaskOutcome claim(CurrentUser user, @PathVariable String id) {
        return tasks.claim(user, id);
    }

    /** Gives the task back to the pool; only the person holding it may. */
    @PostMapping("/{id}/release")
    TaskOutcome release(CurrentUser user, @PathVariable String id) {
        return tasks.release(user, id);
    }

    @PostMapping("/{id}/complete")
    TaskOutcome complete(CurrentUser user, @PathVariable String id,
            @RequestBody(required = false) Map<String, Object> form) {
        return DeadlockRetry.run(() -> tasks.complete(user, id, form));
    }
}
