package org.kith.workflow;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.flowable.common.engine.api.delegate.event.FlowableEngineEntityEvent;
import org.flowable.common.engine.api.delegate.event.FlowableEngineEventType;
import org.flowable.common.engine.api.delegate.event.FlowableEvent;
import org.flowable.common.engine.api.delegate.event.FlowableEventListener;
import org.flowable.common.engine.impl.context.Context;
import org.flowable.common.engine.impl.interceptor.CommandContext;
import org.flowable.engine.impl.persistence.entity.ExecutionEntity;
import org.flowable.engine.impl.util.CommandContextUtil;
import org.flowable.identitylink.api.IdentityLinkInfo;
import org.flowable.identitylink.api.IdentityLinkType;
import org.flowable.task.api.Task;
import org.flowable.task.service.impl.persistence.entity.TaskEntity;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Keeps the task-list read model ({@code task_item}) in step with the engine, inside the engine's own command and
 * so in its transaction: a task action that rolls back leaves no row, and a row never outlives its task.
 * <ul>
 * <li>{@code TASK_CREATED} (after the engine has set the candidate groups): a row per candidate group, with the
 * application's facts from {@link TaskSubjects#facts}.</li>
 * <li>{@code TASK_ASSIGNED}: claim, and also unclaim ({@code unclaim} / {@code setAssignee(null)} fire it with
 * a null assignee, as {@code TaskInboxTest} checks); {@code ENTITY_UPDATED} of a task: a due date the engine
 * changed.</li>
 * <li>{@code TASK_COMPLETED}, and {@code ENTITY_DELETED} of a task: its process cancelled (withdrawal), an
 * interrupting boundary or event subprocess, a variation cancelled when the grant closes.</li>
 * </ul>
 * Registered in {@link WorkflowConfig}; {@link #isFailOnException()} is true, so a failure here fails the engine's
 * command rather than leaving the inbox behind.
 */
@Component
class TaskReadModel implements FlowableEventListener {

    static final Set<FlowableEngineEventType> TYPES = Set.of(FlowableEngineEventType.TASK_CREATED,
            FlowableEngineEventType.TASK_ASSIGNED, FlowableEngineEventType.TASK_COMPLETED,
            FlowableEngineEventType.ENTITY_UPDATED, FlowableEngineEventType.ENTITY_DELETED);

    private static final String COMPLETED = TaskReadModel.class.getName() + ".completed";

    private final TaskItems items;
    private final ObjectProvider<TaskSubjects> subjects;

    /** {@code subjects} is looked up when first needed: the applications module's beans may need the engine. */
    TaskReadModel(TaskItems items, ObjectProvider<TaskSubjects> subjects) {
        this.items = items;
        this.subjects = subjects;
    }

    @Override
    public void onEvent(FlowableEvent event) {
        if (!(event instanceof FlowableEngineEntityEvent entityEvent)
                || !(entityEvent.getEntity() instanceof TaskEntity task)) {
            return;
        }
        if (!(event.getType() instanceof FlowableEngineEventType type)) {
            return;
        }
        switch (type) {
            case TASK_CREATED -> created(task);
            case TASK_ASSIGNED -> items.assign(task.getId(), task.getAssignee());
            case ENTITY_UPDATED -> items.changeDue(task.getId(), time(task.getDueDate()));
            case TASK_COMPLETED -> {
                items.delete(task.getId());
                completedInThisCommand().add(task.getId());
            }
            case ENTITY_DELETED -> {
                // a completed task is deleted next, in the same command: its row is gone already
                if (!completedInThisCommand().remove(task.getId())) {
                    items.delete(task.getId());
                }
            }
            default -> {
            }
        }
    }

    private void created(TaskEntity task) {
        Long applicationId = applicationId(task);
        if (applicationId == null) {
            return;
        }
        items.insert(item(task, applicationId), task.getProcessInstanceId(), candidateGroups(task.getIdentityLinks()));
    }

    /** What the read model holds of a task; null when it belongs to no application (none in Kith today). */
    InboxItem item(Task task, long applicationId) {
        TaskSubjects.InboxFacts facts = subjects.getObject().facts(applicationId)
                .orElseThrow(() -> new IllegalStateException("task " + task.getId() + ": no application "
                        + applicationId));
        LocalDateTime due = time(task.getDueDate());
        if (due == null && facts.submittedAt() != null && facts.decisionWeeks() > 0
                && (TaskKeys.ASSESS_APPLICATION.equals(task.getTaskDefinitionKey())
                        || TaskKeys.DECIDE_APPLICATION.equals(task.getTaskDefinitionKey()))) {
            due = facts.submittedAt().plusWeeks(facts.decisionWeeks());
        }
        return new InboxItem(task.getId(), task.getTaskDefinitionKey(), task.getName(), applicationId,
                facts.fundId(), facts.reference(), facts.groupName(), facts.amountRequested(), facts.route(),
                facts.submittedAt(), time(task.getCreateTime()), due, task.getAssignee());
    }

    @SuppressWarnings("unchecked")
    private static Set<String> completedInThisCommand() {
        CommandContext command = Context.getCommandContext();
        Object seen = command.getAttribute(COMPLETED);
        if (seen == null) {
            seen = new HashSet<String>();
            command.addAttribute(COMPLETED, seen);
        }
        return (Set<String>) seen;
    }

    /**
     * Every Kith process carries its application's id as business key. The process instance is in the command's
     * entity cache when one of its tasks is created, so this costs no statement (a task variable would).
     */
    private static Long applicationId(TaskEntity task) {
        if (task.getProcessInstanceId() == null) {
            return null;
        }
        ExecutionEntity process = CommandContextUtil.getExecutionEntityManager().findById(task.getProcessInstanceId());
        String key = process == null ? null : process.getBusinessKey();
        return key == null || !key.chars().allMatch(Character::isDigit) || key.isEmpty() ? null : Long.valueOf(key);
    }

    static List<String> candidateGroups(List<? extends IdentityLinkInfo> links) {
        return links.stream()
                .filter(l -> IdentityLinkType.CANDIDATE.equals(l.getType()) && l.getGroupId() != null)
                .map(IdentityLinkInfo::getGroupId).distinct().toList();
    }

    static LocalDateTime time(Date date) {
        return date == null ? null : LocalDateTime.ofInstant(date.toInstant(), ZoneOffset.UTC);
    }

    @Override
    public boolean isFailOnException() {
        return true;
    }

    @Override
    public boolean isFireOnTransactionLifecycleEvent() {
        return false;
    }

    @Override
    public String getOnTransaction() {
        return null;
    }
}
