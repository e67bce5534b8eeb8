package org.kith.assessment;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.HashSet;

import org.kith.web.JsonColumns;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.fasterxml.jackson.core.type.TypeReference;

@Repository
class Assessments {

    record Scored(String assessor, Map<String, Integer> scores, BigDecimal weightedScore, String recommendation,
            String comment) {
    }

    private final JdbcClient jdbc;
    private final JsonColumns json;
    private final Clock clock;

    Assessments(JdbcClient jdbc, JsonColumns json, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    /** @param note what the assessor said about the conflict, if anything: for the fund's staff */
    void recordConflict(long applicationId, String taskId, String assessor, String note) {
        insert(applicationId, taskId, assessor, true, null, null, note == null || note.isBlank() ? null : note, null);
    }

    void recordScores(long applicationId, String taskId, String assessor, Map<String, Integer> scores,
            BigDecimal weightedScore, String comment, Recommendation recommendation) {
        insert(applicationId, taskId, assessor, false, scores, weightedScore, comment, recommendation);
    }

    Set<Long> conflictedApplications(String assessor) {
        return new HashSet<>(jdbc.sql("""
                SELECT DISTINCT application_id FROM assessment WHERE assessor = :assessor AND conflict_of_interest""")
                .param("assessor", assessor).query(Long.class).list());
    }

    /** Which of these applications the assessor has already scored. */
    Set<Long> scoredBy(String assessor, Collection<Long> applicationIds) {
        if (applicationIds.isEmpty()) {
            return Set.of();
        }
        return Set.copyOf(jdbc.sql("""
                SELECT DISTINCT application_id FROM assessment
                WHERE application_id IN (:ids) AND assessor = :assessor AND NOT conflict_of_interest""")
                .param("ids", applicationIds).param("assessor", assessor).query(Long.class).list());
    }

    /** Every application the assessor has scored. */
    Set<Long> scoredBy(String assessor) {
        return Set.copyOf(jdbc.sql("""
                SELECT DISTINCT application_id FROM assessment WHERE assessor = :assessor AND NOT conflict_of_interest""")
                .param("assessor", assessor).query(Long.class).list());
    }

    List<Scored> scored(long applicationId) {
        return jdbc.sql("""
                SELECT assessor, scores, weighted_score, recommendation, comment FROM assessment
                WHERE application_id = :id AND NOT conflict_of_interest ORDER BY id""")
                .param("id", applicationId)
                .query((rs, row) -> new Scored(rs.getString("assessor"),
                        json.read(rs.getString("scores"), new TypeReference<Map<String, Integer>>() { }),
                        rs.getBigDecimal("weighted_score"), rs.getString("recommendation"), rs.getString("comment")))
                .list();
    }

    private void insert(long applicationId, String taskId, String assessor, boolean conflict,
            Map<String, Integer> scores, BigDecimal weightedScore, String comment, Recommendation recommendation) {
        jdbc.sql("""
                INSERT INTO assessment (application_id, task_id, assessor, conflict_of_interest, scores,
                  weighted_score, comment, recommendation, recorded_at)
                VALUES (:applicationId, :taskId, :assessor, :conflict, :scores, :weighted, :comment,
                  :recommendation, :now)""")
                .param("applicationId", applicationId).param("taskId", taskId).param("assessor", assessor)
                .param("conflict", conflict).param("scores", scores == null ? null : json.write(scores))
                .param("weighted", weightedScore).param("comment", comment)
                .param("recommendation", recommendation == null ? null : recommendation.name())
                .param("now", LocalDateTime.now(clock))
                .update();
    }


}
