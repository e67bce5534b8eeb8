package org.kith.workflow;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.flowable.engine.HistoryService;
import org.flowable.engine.TaskService;
import org.flowable.task.api.TaskInfo;
import org.springframework.stereotype.Component;

/**
 * Which processes a member of staff has work in: a task they hold, one they held or completed, or an unclaimed
 * one of their groups that they may take. Staff who see applications only through their work (assessors) are
 * allowed to read exactly these.
 */
@Component
public class TaskInvolvement {

    private final TaskService tasks;
    private final HistoryService history;

    TaskInvolvement(TaskService tasks, HistoryService history) {
        this.tasks = tasks;
        this.history = history;
    }

    /** Of these process instances, the ones where this person holds, held or may claim a task of a group. */
    public Set<String> involving(String username, List<String> groups, Collection<String> processInstanceIds) {
        Set<String> wanted = new HashSet<>(processInstanceIds);
        wanted.remove(null);
        if (wanted.isEmpty()) {
            return Set.of();
        }
        var active = tasks.createTaskQuery().processInstanceIdIn(wanted);
        // A candidate-group query matches unclaimed tasks only: a task someone else holds is not "may claim".
        active = groups.isEmpty() ? active.taskAssignee(username)
                : active.or().taskAssignee(username).taskCandidateGroupIn(groups).endOr();
        Set<String> found = new HashSet<>();
        active.list().stream().map(TaskInfo::getProcessInstanceId).forEach(found::add);
        wanted.removeAll(found);
        if (!wanted.isEmpty()) {
            history.createHistoricTaskInstanceQuery().processInstanceIdIn(wanted)
                    .or().taskAssignee(username).taskCompletedBy(username).endOr()
                    .list().stream().map(TaskInfo::getProcessInstanceId).forEach(found::add);
        }
        return found;
    }
}
