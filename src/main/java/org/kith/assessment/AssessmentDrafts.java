package org.kith.assessment;

import java.time.Clock;
import java.time.LocalDateTime;
import java.util.Map;
import java.util.Optional;

import org.kith.web.JsonColumns;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.fasterxml.jackson.core.type.TypeReference;

/**
 * An assessor's score sheet saved before it is sent ({@code assessment_draft}), and their "no conflict of interest"
 * answer for a task ({@code assessment_no_conflict}): each for that task and that person only, never read for
 * anyone else.
 */
@Repository
class AssessmentDrafts {

    record Draft(Map<String, String> fields, LocalDateTime savedAt) {
    }

    private final JdbcClient jdbc;
    private final JsonColumns json;
    private final Clock clock;

    AssessmentDrafts(JdbcClient jdbc, JsonColumns json, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    Optional<Draft> find(String taskId, String assessor) {
        return jdbc.sql("SELECT content, saved_at FROM assessment_draft WHERE task_id = :task AND assessor = :me")
                .param("task", taskId).param("me", assessor)
                .query((rs, row) -> new Draft(json.read(rs.getString("content"),
                        new TypeReference<Map<String, String>>() { }),
                        rs.getObject("saved_at", LocalDateTime.class)))
                .optional();
    }

    void save(String taskId, String assessor, long applicationId, Map<String, String> fields) {
        LocalDateTime now = LocalDateTime.now(clock);
        int updated = jdbc.sql("""
                UPDATE assessment_draft SET content = :content, saved_at = :now
                WHERE task_id = :task AND assessor = :me""")
                .param("content", json.write(fields)).param("now", now).param("task", taskId).param("me", assessor)
                .update();
        if (updated == 0) {
            jdbc.sql("""
                    INSERT INTO assessment_draft (task_id, assessor, application_id, content, saved_at)
                    VALUES (:task, :me, :applicationId, :content, :now)""")
                    .param("task", taskId).param("me", assessor).param("applicationId", applicationId)
                    .param("content", json.write(fields)).param("now", now).update();
        }
    }

    /** The task is done: no draft of it is needed any more, anyone's. */
    void forget(String taskId) {
        jdbc.sql("DELETE FROM assessment_draft WHERE task_id = :task").param("task", taskId).update();
        jdbc.sql("DELETE FROM assessment_no_conflict WHERE task_id = :task").param("task", taskId).update();
    }

    boolean saidNoConflict(String taskId, String assessor) {
        return jdbc.sql("SELECT COUNT(*) FROM assessment_no_conflict WHERE task_id = :task AND assessor = :me")
                .param("task", taskId).param("me", assessor).query(Long.class).single() > 0;
    }

    void sayNoConflict(String taskId, String assessor) {
        if (!saidNoConflict(taskId, assessor)) {
            jdbc.sql("""
                    INSERT INTO assessment_no_conflict (task_id, assessor, confirmed_at) VALUES (:task, :me, :now)""")
                    .param("task", taskId).param("me", assessor).param("now", LocalDateTime.now(clock)).update();
        }
    }
}
