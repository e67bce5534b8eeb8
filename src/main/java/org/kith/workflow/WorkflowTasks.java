package org.kith.workflow;

import java.time.Clock;
import java.time.LocalDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import org.flowable.common.engine.api.FlowableException;
import org.flowable.engine.HistoryService;
import org.flowable.engine.RuntimeService;
import org.flowable.engine.TaskService;
import org.flowable.engine.runtime.ProcessInstance;
import org.flowable.identitylink.api.IdentityLinkInfo;
import org.flowable.identitylink.api.IdentityLinkType;
import org.flowable.task.api.Task;
import org.flowable.task.api.history.HistoricTaskInstance;
import org.kith.identity.CurrentUser;
import org.kith.web.ConflictException;
import org.kith.web.ForbiddenException;
import org.kith.web.InvalidInputException;
import org.kith.web.JsonFieldErrors;
import org.kith.web.NotFoundException;
import org.kith.web.Paging;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Every task action goes through here, because the engine itself checks nobody: the caller must be the
 * assignee or in a candidate group, must be able to read the application, and must pass the handler's rule.
 */
@Service
public class WorkflowTasks {

    public static final int MAX_PAGE_SIZE = 500;

    private final TaskService tasks;
    private final RuntimeService runtime;
    private final HistoryService history;
    private final TaskSubjects subjects;
    private final Map<String, TaskFormHandler<?>> handlers;
    private final ObjectMapper json;
    private final Validator validator;
    private final TaskItems items;
    private final Clock clock;

    WorkflowTasks(TaskService tasks, RuntimeService runtime, HistoryService history, TaskSubjects subjects,
            List<TaskFormHandler<?>> handlers, ObjectMapper json, Validator validator, TaskItems items, Clock clock) {
        this.items = items;
        this.clock = clock;
        this.subjects = subjects;
        this.tasks = tasks;
        this.runtime = runtime;
        this.history = history;
        this.handlers = handlers.stream().collect(Collectors.toMap(TaskFormHandler::taskKey, Function.identity()));
        this.json = json;
        this.validator = validator;
    }

    /** One page of an inbox; {@code more} when the next page holds tasks too. */
    public record InboxPage(List<TaskView> tasks, boolean more) {
    }

    /** One page of an inbox as the staff pages show it; {@code more} when the next page holds tasks too. */
    public record InboxItems(List<InboxItem> items, boolean more) {
    }

    /** The caller's inbox, its first {@value #MAX_PAGE_SIZE} tasks. */
    @Transactional(readOnly = true)
    public List<TaskView> inbox(CurrentUser user) {
        return inbox(user, new Paging(0, MAX_PAGE_SIZE), (String) null).tasks();
    }

    /**
     * Tasks assigned to the caller and unclaimed tasks of their groups that they may take, oldest first, of one
     * kind if {@code taskKey} is given.
     */
    @Transactional(readOnly = true)
    public InboxPage inbox(CurrentUser user, Paging paging, String taskKey) {
        InboxItems found = inbox(user, paging, InboxQuery.ofKind(taskKey));
        return new InboxPage(found.items().stream().map(InboxItem::view).toList(), found.more());
    }

    /**
     * The caller's inbox from the task-list read model ({@link TaskReadModel}): tasks they hold, and the pool of
     * their groups (a fund manager linked to funds: in those funds) less what a veto hides from them and what a
     * handler's take rule keeps from them ({@link TaskFormHandler#applicationsNotTakeable}), filtered, sorted and
     * cut by the database on its indexes. That is who may read an application through a task (hold or may claim),
     * so the page needs no check per row; acting on a task checks everything again ({@link #actionable}).
     */
    @Transactional(readOnly = true)
    public InboxItems inbox(CurrentUser user, Paging paging, InboxQuery query) {
        List<InboxItem> rows = items.page(viewer(user), query, LocalDateTime.now(clock), paging.offset(),
                paging.size());
        boolean more = rows.size() > paging.size();
        return new InboxItems(more ? List.copyOf(rows.subList(0, paging.size())) : rows, more);
    }

    /** Counts per fund stop here: a fund with more says {@code COUNT_CAP + 1} ("more than 500"). */
    public static final int COUNT_CAP = 500;

    /**
     * How many tasks of the caller's inbox (of one kind, if given) are in each fund, by fund id, up to
     * {@value #COUNT_CAP}; a fund with more says {@code COUNT_CAP + 1}.
     */
    @Transactional(readOnly = true)
    public Map<Long, Long> inboxCountsByFund(CurrentUser user, String taskKey) {
        return items.countsByFund(viewer(user), taskKey, subjects.allFundNames().keySet(), COUNT_CAP);
    }

    private TaskItems.Viewer viewer(CurrentUser user) {
        Map<String, Set<Long>> notTakeable = new HashMap<>();
        handlers.forEach((key, handler) -> {
            Set<Long> not = handler.applicationsNotTakeable(user,
                    () -> items.heldApplications(user.username(), key));
            if (!not.isEmpty()) {
                notTakeable.put(key, not);
            }
        });
        Set<Long> managed = user.has(org.kith.identity.Role.FUND_MANAGER) ? user.linkedFunds() : Set.of();
        return new TaskItems.Viewer(user.username(), user.candidateGroups(), managed, subjects.hiddenFrom(user),
                notTakeable);
    }

    /** Whether Kith has a form for tasks of this key. */
    public boolean knowsTaskKey(String taskKey) {
        return handlers.containsKey(taskKey);
    }

    /**
     * One task, for someone who may act on it: not one another person holds (403, with nothing about it), nor one
     * of an application they may not read (404).
     */
    @Transactional(readOnly = true)
    public TaskView show(CurrentUser user, String taskId) {
        Actionable found = actionable(user, taskId);
        Task task = found.task();
        if (task.getAssignee() != null && !task.getAssignee().equals(user.username())) {
            throw heldByAnother();
        }
        TaskSubjects.Subject application = found.application();
        return new TaskView(task.getId(), task.getTaskDefinitionKey(), task.getName(), application.applicationId(),
                application.reference(), task.getDueDate(), task.getAssignee(), task.getCreateTime());
    }

    /**
     * Claims the task. To someone who sees the application only through this task, a task another person holds
     * does not exist (404): the API says no more. Pages use {@link #take}.
     */
    @Transactional
    public TaskOutcome claim(CurrentUser user, String taskId) {
        return claim(user, taskId, actionable(user, taskId, lockApplicationOf(taskId)));
    }

    /**
     * Claims the task for a page: as {@link #claim}, but a task another person has just taken is a
     * {@link ConflictException} for someone in its candidate group (the page says it is already being handled,
     * nothing about the application).
     */
    @Transactional
    public TaskOutcome take(CurrentUser user, String taskId) {
        return claim(user, taskId, takenOrActionable(user, taskId, lockApplicationOf(taskId),
                "Someone else has already taken this task."));
    }

    private TaskOutcome claim(CurrentUser user, String taskId, Actionable found) {
        Task task = found.task();
        long applicationId = found.application().applicationId();
        if (user.username().equals(task.getAssignee())) {
            return outcome(task, applicationId, TaskOutcome.CLAIMED);
        }
        if (task.getAssignee() != null) {
            throw new ConflictException("Someone else has already taken this task.");
        }
        EngineUser.as(user.username(), () -> {
            tasks.claim(taskId, user.username());
            return null;
        });
        return outcome(task, applicationId, TaskOutcome.CLAIMED);
    }

    /**
     * The task as its page opens it: the read model's row, for someone who may act on it. A task another person
     * holds, or one already done, is a {@link ConflictException} (the page says it is already being handled);
     * a task of an application they may not read is not found; one not theirs to act on is forbidden.
     */
    @Transactional(readOnly = true)
    public InboxItem open(CurrentUser user, String taskId) {
        String taken = "Someone else is already working on this task.";
        Task task = takenOrActionable(user, taskId, null, taken).task();
        if (task.getAssignee() != null && !task.getAssignee().equals(user.username())) {
            throw new ConflictException(taken);
        }
        return items.find(taskId).orElseThrow(() -> new ConflictException("This task has already been completed."));
    }

    /** Gives a task back to the pool: only the person holding it may. Giving back a task nobody holds does nothing. */
    @Transactional
    public TaskOutcome release(CurrentUser user, String taskId) {
        Actionable found = actionable(user, taskId, lockApplicationOf(taskId));
        Task task = found.task();
        long applicationId = found.application().applicationId();
        if (task.getAssignee() == null) {
            return outcome(task, applicationId, TaskOutcome.RETURNED_TO_POOL);
        }
        if (!task.getAssignee().equals(user.username())) {
            throw heldByAnother();
        }
        EngineUser.as(user.username(), () -> {
            tasks.unclaim(taskId);
            return null;
        });
        return outcome(task, applicationId, TaskOutcome.RETURNED_TO_POOL);
    }

    @Transactional
    public TaskOutcome complete(CurrentUser user, String taskId, Map<String, Object> body) {
        Actionable found = actionable(user, taskId, lockApplicationOf(taskId));
        Task task = found.task();
        if (task.getAssignee() != null && !task.getAssignee().equals(user.username())) {
            throw heldByAnother();
        }
        return doComplete(handler(task), task, found.application().applicationId(), user, body == null ? Map.of() : body);
    }

    private <F> TaskOutcome doComplete(TaskFormHandler<F> handler, Task task, long applicationId, CurrentUser user,
            Map<String, Object> body) {
        F form = readForm(handler.formType(), body);
        TaskFormHandler.TaskContext context = context(task, applicationId, user);
        return EngineUser.as(user.username(), () -> {
            TaskFormHandler.Completion completion = handler.handle(context, form);
            if (completion.handBack()) {
                tasks.unclaim(task.getId());
                return outcome(task, context.applicationId(), TaskOutcome.RETURNED_TO_POOL);
            }
            // The engine records who completed it; claiming first just for that cost a dozen statements.
            tasks.complete(task.getId(), user.username(), completion.variables(), completion.transientVariables());
            return outcome(task, context.applicationId(), TaskOutcome.COMPLETED);
        });
    }

    /**
     * Task actions on one application take turns: a duplicate completion waits, then finds the task done (409),
     * and two parallel assessments finishing at once cannot both miss the other's count.
     */
    private Long lockApplicationOf(String taskId) {
        Task task = tasks.createTaskQuery().taskId(taskId).singleResult();
        if (task == null) {
            return null;
        }
        Long applicationId = applicationIds(List.of(task.getProcessInstanceId())).get(task.getProcessInstanceId());
        if (applicationId != null) {
            subjects.lock(applicationId);
        }
        return applicationId;
    }

    /**
     * A task another person holds is not readable through it any more (an assessor sees an application only through
     * a task they hold or may claim): before that 404, a candidate is told it was taken, and nothing else about it.
     */
    private Actionable takenOrActionable(CurrentUser user, String taskId, Long knownApplicationId, String message) {
        try {
            return actionable(user, taskId, knownApplicationId);
        } catch (NotFoundException hidden) {
            Task task = tasks.createTaskQuery().taskId(taskId).singleResult();
            if (task != null && task.getAssignee() != null && !task.getAssignee().equals(user.username())
                    && candidate(task, user.candidateGroups())) {
                throw new ConflictException(message);
            }
            throw hidden;
        }
    }

    private record Actionable(Task task, TaskSubjects.Subject application) {
    }

    private Actionable actionable(CurrentUser user, String taskId) {
        return actionable(user, taskId, null);
    }

    /**
     * A live task the caller may act on; otherwise 409 if it was theirs and is done, else 403 or 404.
     * The application id, when the caller already found it, is not looked up again: it never changes.
     */
    private Actionable actionable(CurrentUser user, String taskId, Long knownApplicationId) {
        Task task = tasks.createTaskQuery().taskId(taskId).singleResult();
        if (task == null) {
            HistoricTaskInstance done = history.createHistoricTaskInstanceQuery().taskId(taskId).finished()
                    .singleResult();
            if (done != null && (user.username().equals(done.getCompletedBy())
                    || user.username().equals(done.getAssignee())
                    || historicCandidate(done, user.candidateGroups()))) {
                throw new ConflictException("This task has already been completed.");
            }
            throw notFound(taskId);
        }
        long applicationId = knownApplicationId != null ? knownApplicationId : applicationId(task);
        TaskSubjects.Subject application = subjects.readable(user, applicationId)
                .orElseThrow(() -> notFound(taskId));
        boolean assignee = user.username().equals(task.getAssignee());
        if (!assignee && !candidate(task, user.candidateGroups())) {
            throw new ForbiddenException("This task is not yours to act on.");
        }
        if (!handler(task).mayTake(context(task, application.applicationId(), user))) {
            throw new ForbiddenException("You cannot take this task for this application.");
        }
        return new Actionable(task, application);
    }

    private boolean candidate(Task task, Collection<String> groups) {
        return tasks.getIdentityLinksForTask(task.getId()).stream().anyMatch(link -> matches(link, groups));
    }

    private boolean historicCandidate(HistoricTaskInstance task, Collection<String> groups) {
        return history.getHistoricIdentityLinksForTask(task.getId()).stream().anyMatch(link -> matches(link, groups));
    }

    private static boolean matches(IdentityLinkInfo link, Collection<String> groups) {
        return IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null
                && groups.contains(link.getGroupId());
    }

    private <F> F readForm(Class<F> type, Map<String, Object> body) {
        F form;
        try {
            form = json.convertValue(body, type);
        } catch (IllegalArgumentException e) {
            InvalidInputException.FieldError error = e.getCause() instanceof JsonMappingException mapping
                    ? JsonFieldErrors.of(mapping) : null;
            throw error == null ? InvalidInputException.of("body", "This value has the wrong type.")
                    : new InvalidInputException(List.of(error));
        }
        Set<ConstraintViolation<F>> violations = validator.validate(form);
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations.stream()
                    .map(v -> new InvalidInputException.FieldError(v.getPropertyPath().toString(), v.getMessage()))
                    .sorted(java.util.Comparator.comparing(InvalidInputException.FieldError::field))
                    .toList());
        }
        return form;
    }

    private TaskFormHandler<?> handler(Task task) {
        TaskFormHandler<?> handler = handlers.get(task.getTaskDefinitionKey());
        if (handler == null) {
            throw new FlowableException("No handler for task " + task.getTaskDefinitionKey());
        }
        return handler;
    }

    private TaskFormHandler.TaskContext context(Task task, long applicationId, CurrentUser user) {
        return new TaskFormHandler.TaskContext(task, applicationId, user,
                name -> tasks.getVariable(task.getId(), name));
    }

    private long applicationId(Task task) {
        Long id = applicationIds(List.of(task.getProcessInstanceId())).get(task.getProcessInstanceId());
        if (id == null) {
            throw new IllegalStateException("task " + task.getId() + " belongs to no application");
        }
        return id;
    }

    /** Every Kith process carries its application's id as business key. */
    private Map<String, Long> applicationIds(Collection<String> processInstanceIds) {
        if (processInstanceIds.isEmpty()) {
            return Map.of();
        }
        Map<String, Long> ids = new HashMap<>();
        for (ProcessInstance instance : runtime.createProcessInstanceQuery()
                .processInstanceIds(Set.copyOf(processInstanceIds)).list()) {
            ids.put(instance.getId(), Long.valueOf(instance.getBusinessKey()));
        }
        return ids;
    }

    private static TaskOutcome outcome(Task task, long applicationId, String outcome) {
        return new TaskOutcome(task.getId(), task.getTaskDefinitionKey(), applicationId, outcome);
    }

    private static ForbiddenException heldByAnother() {
        return new ForbiddenException("This task is assigned to someone else.");
    }

    private static NotFoundException notFound(String taskId) {
        return new NotFoundException("There is no task " + taskId + " that you can act on.");
    }
}
