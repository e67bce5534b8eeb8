package org.kith.monitoring;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.flowable.engine.TaskService;
import org.flowable.task.api.Task;
import org.kith.identity.CurrentUser;
import org.kith.web.Rows;
import org.kith.workflow.TaskKeys;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** End-of-grant reports a reviewReport task waits on, in the funds the person manages; the oldest sent first. */
@Component
class ReportsToReview {

    record Waiting(long applicationId, String reference, String title, long fundId, String fundName,
            String groupName, BigDecimal amountAwarded, LocalDate dueOn, LocalDateTime submittedAt,
            String processInstanceId) {
    }

    private final JdbcClient jdbc;
    private final TaskService tasks;

    ReportsToReview(JdbcClient jdbc, TaskService tasks) {
        this.jdbc = jdbc;
        this.tasks = tasks;
    }

    @Transactional(readOnly = true)
    List<Waiting> waiting(CurrentUser user) {
        Set<String> waiting = tasks.createTaskQuery().taskDefinitionKey(TaskKeys.REVIEW_REPORT).active().list()
                .stream().map(Task::getProcessInstanceId).collect(Collectors.toSet());
        if (waiting.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                SELECT a.id AS application_id, a.reference, a.title, a.fund_id, f.name AS fund_name,
                  o.name AS group_name, a.amount_awarded, r.due_on, r.submitted_at, a.process_instance_id
                FROM grant_report r
                JOIN application a ON a.id = r.application_id
                JOIN fund f ON f.id = a.fund_id
                JOIN organisation o ON o.id = a.organisation_id
                WHERE r.status = 'SUBMITTED'
                ORDER BY r.submitted_at, a.id""")
                .query(Rows.of(Waiting.class)).list().stream()
                .filter(w -> waiting.contains(w.processInstanceId()) && user.managesFund(w.fundId()))
                .toList();
    }
}
