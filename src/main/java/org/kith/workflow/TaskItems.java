package org.kith.workflow;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The task-list read model ({@code task_item}, {@code V9__task_inbox.sql}): one row per open user task and
 * candidate group, written by {@link TaskReadModel} in the engine's transaction, read by the inboxes.
 */
@Repository
class TaskItems {

    /** The sort key of a task with no due date: after every real one. */
    static final LocalDateTime NO_DUE_DATE = LocalDateTime.of(9999, 12, 31, 0, 0);
    /** The row of a task with no candidate group (assigned to one person only). */
    static final String NO_GROUP = "";

    private static final String COLUMNS = """
            task_id, task_key, name, application_id, fund_id, reference, group_name, amount_requested, route,
            received_at, created_at, due_at, due_sort, assignee""";

    private final JdbcClient jdbc;

    TaskItems(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Who may see the rows: the person, their groups, and what is kept from them. */
    record Viewer(String username, List<String> groups, Set<Long> managedFunds, Set<Long> hidden,
            Map<String, Set<Long>> notTakeable) {
    }

    void insert(InboxItem item, String processInstanceId, Collection<String> candidateGroups) {
        List<String> groups = candidateGroups.isEmpty() ? List.of(NO_GROUP) : List.copyOf(candidateGroups);
        for (String group : groups) {
            jdbc.sql("INSERT INTO task_item (" + COLUMNS + """
                    , candidate_group, process_instance_id, pooled) VALUES (:taskId, :taskKey, :name,
                      :applicationId, :fundId, :reference, :groupName, :amount, :route, :received, :created, :due,
                      :dueSort, :assignee, :group, :process, :pooled)""")
                    .param("taskId", item.taskId()).param("taskKey", item.taskKey()).param("name", item.name())
                    .param("applicationId", item.applicationId()).param("fundId", item.fundId())
                    .param("reference", item.reference()).param("groupName", item.groupName())
                    .param("amount", item.amountRequested()).param("route", item.route())
                    .param("received", item.received()).param("created", item.created())
                    .param("due", item.due()).param("dueSort", item.due() == null ? NO_DUE_DATE : item.due())
                    .param("assignee", item.assignee()).param("group", group).param("process", processInstanceId)
                    .param("pooled", item.assignee() == null ? 1 : 0)
                    .update();
        }
    }

    boolean exists(String taskId) {
        return jdbc.sql("SELECT COUNT(*) FROM task_item WHERE task_id = :id").param("id", taskId)
                .query(Long.class).single() > 0;
    }

    boolean isEmpty() {
        return jdbc.sql("SELECT COUNT(*) FROM (SELECT task_id FROM task_item LIMIT 1) t").query(Long.class).single() == 0;
    }

    void assign(String taskId, String assignee) {
        jdbc.sql("UPDATE task_item SET assignee = :assignee, pooled = :pooled WHERE task_id = :id")
                .param("assignee", assignee).param("pooled", assignee == null ? 1 : 0).param("id", taskId).update();
    }

    /** The engine's due date changed; a null keeps the one worked out from the fund, if any. */
    void changeDue(String taskId, LocalDateTime due) {
        if (due != null) {
            jdbc.sql("UPDATE task_item SET due_at = :due, due_sort = :due WHERE task_id = :id AND "
                    + "(due_at IS NULL OR due_at <> :due)")
                    .param("due", due).param("id", taskId).update();
        }
    }

    void delete(String taskId) {
        jdbc.sql("DELETE FROM task_item WHERE task_id = :id").param("id", taskId).update();
    }

    Optional<InboxItem> find(String taskId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM task_item WHERE task_id = :id")
                .param("id", taskId).query(TaskItems::map).list().stream().findFirst();
    }

    /** The applications of the tasks of this kind that this person holds. */
    Set<Long> heldApplications(String username, String taskKey) {
        return Set.copyOf(jdbc.sql("""
                SELECT DISTINCT application_id FROM task_item WHERE assignee = :me AND task_key = :key""")
                .param("me", username).param("key", taskKey).query(Long.class).list());
    }

    /**
     * One page: the person's own tasks and the pool of each of their groups, each part read on its own index in
     * the page's order and cut at the page's end, then merged. {@code size + 1} rows at most, so the caller knows
     * whether another page follows.
     */
    List<InboxItem> page(Viewer viewer, InboxQuery query, LocalDateTime now, int offset, int size) {
        Map<String, Object> params = new LinkedHashMap<>();
        String filters = filters(viewer, query, now, params);
        String order = switch (query.sort()) {
            case RECEIVED -> "received_at, task_id";
            case DUE -> "due_sort, task_id";
            case AMOUNT -> "amount_requested DESC, task_id DESC";
        };
        int limit = offset + size + 1;
        List<String> parts = parts(viewer, params);
        StringBuilder sql = new StringBuilder("SELECT ").append(COLUMNS).append(" FROM (");
        // Within one fund, MariaDB prefers the pool's index in the page's order and reads every fund's rows; the
        // fund's own index in that order reads only the fund's (docs/performance.md): a hint, on the pool parts.
        String fundIndex = query.fundId() == null ? null : switch (query.sort()) {
            case RECEIVED -> "ix_task_item_pool_fund_received";
            case DUE -> "ix_task_item_pool_fund_due";
            case AMOUNT -> null;
        };
        for (int i = 0; i < parts.size(); i++) {
            sql.append(i == 0 ? "" : " UNION ").append("(SELECT ").append(COLUMNS).append(" FROM task_item")
                    .append(i > 0 && fundIndex != null ? " USE INDEX (" + fundIndex + ")" : "").append(" WHERE ")
                    .append(parts.get(i)).append(filters).append(" ORDER BY ").append(order).append(" LIMIT ")
                    .append(limit).append(")");
        }
        sql.append(") inbox ORDER BY ").append(order).append(" LIMIT ").append(size + 1).append(" OFFSET ")
                .append(offset);
        return bind(jdbc.sql(sql.toString()), params).query(TaskItems::map).list();
    }

    /**
     * How many of the tasks this person sees (no filter but the kind) are in each of these funds, each count reading
     * {@code cap + 1} index entries at most, so a fund with more than {@code cap} tasks says {@code cap + 1} (the
     * page shows "more than cap"). One statement: a capped count per fund and part, so the cost follows the number
     * of funds, not of tasks. Funds with none are left out.
     */
    Map<Long, Long> countsByFund(Viewer viewer, String taskKey, Collection<Long> funds, int cap) {
        Map<Long, Long> counts = new java.util.TreeMap<>();
        if (funds.isEmpty()) {
            return counts;
        }
        Map<String, Object> params = new LinkedHashMap<>();
        String filters = filters(viewer, new InboxQuery(taskKey, null, null, null, null), null, params);
        List<String> parts = parts(viewer, params);
        StringBuilder sql = new StringBuilder();
        int n = 0;
        for (long fund : funds) {
            for (String part : parts) {
                sql.append(n++ == 0 ? "" : " UNION ALL ").append("SELECT ").append(fund)
                        .append(" AS fund_id, COUNT(*) AS tasks FROM (SELECT task_id FROM task_item WHERE ").append(part)
                        .append(" AND fund_id = ").append(fund).append(filters).append(" LIMIT ").append(cap + 1)
                        .append(") capped");
            }
        }
        bind(jdbc.sql(sql.toString()), params).query((ResultSet rs) -> {
            counts.merge(rs.getLong("fund_id"), rs.getLong("tasks"), Long::sum);
        });
        counts.replaceAll((fund, tasks) -> Math.min(tasks, cap + 1L));
        counts.values().removeIf(tasks -> tasks == 0);
        return counts;
    }

    private static JdbcClient.StatementSpec bind(JdbcClient.StatementSpec statement, Map<String, Object> params) {
        for (Map.Entry<String, Object> p : params.entrySet()) {
            statement = statement.param(p.getKey(), p.getValue());
        }
        return statement;
    }

    /** Mine, then one pool per group (a fund manager's only in the funds they manage, when they are linked). */
    private static List<String> parts(Viewer viewer, Map<String, Object> params) {
        List<String> parts = new ArrayList<>();
        params.put("me", viewer.username());
        parts.add("assignee = :me");
        StringBuilder pool = new StringBuilder();
        for (Map.Entry<String, Set<Long>> entry : viewer.notTakeable().entrySet()) {
            if (!entry.getValue().isEmpty()) {
                String n = "k" + params.size();
                params.put(n, entry.getKey());
                params.put(n + "ids", entry.getValue());
                pool.append(" AND (task_key <> :").append(n).append(" OR application_id NOT IN (:").append(n)
                        .append("ids))");
            }
        }
        for (String group : viewer.groups()) {
            String n = "g" + params.size();
            params.put(n, group);
            String part = "candidate_group = :" + n + " AND pooled = 1" + pool;
            if (group.equals(org.kith.identity.CurrentUser.FUND_MANAGERS) && !viewer.managedFunds().isEmpty()) {
                params.put(n + "funds", viewer.managedFunds());
                part += " AND fund_id IN (:" + n + "funds)";
            }
            parts.add(part);
        }
        return parts;
    }

    private static String filters(Viewer viewer, InboxQuery query, LocalDateTime now, Map<String, Object> params) {
        StringBuilder where = new StringBuilder();
        if (!viewer.hidden().isEmpty()) {
            params.put("hidden", viewer.hidden());
            where.append(" AND application_id NOT IN (:hidden)");
        }
        if (query.taskKey() != null) {
            params.put("taskKey", query.taskKey());
            where.append(" AND task_key = :taskKey");
        }
        if (query.fundId() != null) {
            params.put("fundId", query.fundId());
            where.append(" AND fund_id = :fundId");
        }
        if (query.route() != null) {
            params.put("route", query.route());
            where.append(" AND route = :route");
        }
        if (query.due() == InboxQuery.Due.OVERDUE) {
            params.put("now", now);
            where.append(" AND due_sort < :now");
        } else if (query.due() == InboxQuery.Due.SOON) {
            params.put("now", now);
            params.put("week", now.plusDays(7));
            where.append(" AND due_sort >= :now AND due_sort < :week");
        }
        return where.toString();
    }

    private static InboxItem map(ResultSet rs, int row) throws SQLException {
        return new InboxItem(rs.getString("task_id"), rs.getString("task_key"), rs.getString("name"),
                rs.getLong("application_id"), rs.getLong("fund_id"), rs.getString("reference"),
                rs.getString("group_name"), rs.getBigDecimal("amount_requested"), rs.getString("route"),
                rs.getObject("received_at", LocalDateTime.class), rs.getObject("created_at", LocalDateTime.class),
                rs.getObject("due_at", LocalDateTime.class), rs.getString("assignee"));
    }
}
