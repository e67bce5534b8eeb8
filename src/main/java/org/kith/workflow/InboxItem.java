package org.kith.workflow;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Date;

/** One row of the task-list read model, as an inbox shows it. Times are UTC. */
public record InboxItem(String taskId, String taskKey, String name, long applicationId, long fundId,
        String reference, String groupName, BigDecimal amountRequested, String route, LocalDateTime received,
        LocalDateTime created, LocalDateTime due, String assignee) {

    public boolean overdueAt(LocalDateTime now) {
        return due != null && due.isBefore(now);
    }

    /** The API's view of it. */
    public TaskView view() {
        return new TaskView(taskId, taskKey, name, applicationId, reference, date(due), assignee, date(created));
    }

    private static Date date(LocalDateTime time) {
        return time == null ? null : Date.from(time.toInstant(ZoneOffset.UTC));
    }
}
