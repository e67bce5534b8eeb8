package org.kith.awards;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.flowable.engine.TaskService;
import org.flowable.task.api.Task;
import org.kith.identity.CurrentUser;
import org.kith.identity.Role;
import org.kith.web.ForbiddenException;
import org.kith.web.Rows;
import org.kith.workflow.TaskKeys;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Payments due for the staff pages and the finance system's CSV: each tranche a {@code recordPayment} task waits
 * for. The task is a sequential multi-instance, so the one waiting on a grant is for its first unpaid tranche.
 * Fund managers see the funds they manage; admins see every fund but act on none.
 */
@Component
class PaymentsDue {

    /** One payment to make, with what the finance system needs to make it. */
    record Due(long paymentId, long applicationId, String reference, String title, long fundId, String fundName,
            String groupName, String orgIdentifier, int tranche, BigDecimal amount, LocalDate dueOn,
            String processInstanceId) {
    }

    /** A payment, paid or not, with its application, for the mark-paid page. */
    record Row(long paymentId, long applicationId, String reference, String title, long fundId, String fundName,
            String groupName, String orgIdentifier, int tranche, BigDecimal amount, LocalDate dueOn,
            String processInstanceId, LocalDateTime paidAt, String paidBy, String paymentReference) {

        public boolean paid() {
            return paidAt != null;
        }
    }

    private static final String ROW = """
            SELECT p.id AS payment_id, p.application_id, a.reference, a.title, a.fund_id, f.name AS fund_name,
              o.name AS group_name, o.org_identifier, p.tranche, p.amount, p.due_on, a.process_instance_id""";

    private static final String FROM = """
             FROM payment p
            JOIN application a ON a.id = p.application_id
            JOIN fund f ON f.id = a.fund_id
            JOIN organisation o ON o.id = a.organisation_id
            """;

    private final JdbcClient jdbc;
    private final TaskService tasks;
    private final Clock clock;

    PaymentsDue(JdbcClient jdbc, TaskService tasks, Clock clock) {
        this.jdbc = jdbc;
        this.tasks = tasks;
        this.clock = clock;
    }

    /** Whether this person may see payments of this fund: a fund manager who manages it, or an admin. */
    static boolean mayView(CurrentUser user, long fundId) {
        return user.managesFund(fundId) || user.has(Role.ADMIN);
    }

    /** The pages are for fund managers and admins; anyone else is refused. */
    static void checkMayViewAny(CurrentUser user) {
        if (!user.has(Role.FUND_MANAGER) && !user.has(Role.ADMIN)) {
            throw new ForbiddenException("Payments are for fund managers.");
        }
    }

    /** Payments due in the funds this person may see, of one fund if {@code fundId} is given; earliest due first. */
    @Transactional(readOnly = true)
    List<Due> due(CurrentUser user, Long fundId) {
        checkMayViewAny(user);
        Set<String> waiting = tasks.createTaskQuery().taskDefinitionKey(TaskKeys.RECORD_PAYMENT).active().list()
                .stream().map(Task::getProcessInstanceId).collect(Collectors.toSet());
        if (waiting.isEmpty()) {
            return List.of();
        }
        String sql = ROW + FROM + """
                WHERE p.paid_at IS NULL AND a.status = 'FUNDED'
                  AND p.tranche = (SELECT MIN(q.tranche) FROM payment q
                                   WHERE q.application_id = p.application_id AND q.paid_at IS NULL)
                """ + (fundId == null ? "" : " AND a.fund_id = :fund") + " ORDER BY p.due_on, p.id";
        JdbcClient.StatementSpec statement = jdbc.sql(sql);
        if (fundId != null) {
            statement = statement.param("fund", fundId);
        }
        return statement.query(Rows.of(Due.class)).list().stream()
                .filter(d -> waiting.contains(d.processInstanceId()) && mayView(user, d.fundId()))
                .toList();
    }

    /** One payment with its application, whether paid or not. */
    Optional<Row> find(long paymentId) {
        return jdbc.sql(ROW + ", p.paid_at, p.paid_by, p.reference AS payment_reference" + FROM + " WHERE p.id = :id")
                .param("id", paymentId).query(Rows.of(Row.class)).optional();
    }

    boolean overdue(LocalDate dueOn) {
        return dueOn.isBefore(LocalDate.now(clock));
    }

    LocalDate today() {
        return LocalDate.now(clock);
    }
}
