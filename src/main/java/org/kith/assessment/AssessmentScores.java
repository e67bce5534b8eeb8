package org.kith.assessment;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.kith.web.JsonColumns;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import com.fasterxml.jackson.core.type.TypeReference;

/**
 * The scores recorded on applications, for the fund manager deciding (the decision queue, the panel pack): read
 * only, and only for callers that have already checked the person may see these applications. Declared conflicts
 * are not scores and are left out.
 */
@Component
public class AssessmentScores {

    /**
     * One assessor's scoring: {@code scores} per criterion key, {@code weightedScore} a percentage (0 to 100).
     * {@code assessor} is the username.
     */
    public record Score(long applicationId, String assessor, Map<String, Integer> scores, BigDecimal weightedScore,
            Recommendation recommendation, String comment) {
    }

    private final JdbcClient jdbc;
    private final JsonColumns json;

    AssessmentScores(JdbcClient jdbc, JsonColumns json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Every application's scores, in the order they were recorded; an application with none is absent. */
    @Transactional(readOnly = true)
    public Map<Long, List<Score>> scoresFor(Collection<Long> applicationIds) {
        Map<Long, List<Score>> found = new LinkedHashMap<>();
        if (applicationIds.isEmpty()) {
            return found;
        }
        jdbc.sql("""
                SELECT application_id, assessor, scores, weighted_score, recommendation, comment FROM assessment
                WHERE application_id IN (:ids) AND NOT conflict_of_interest ORDER BY id""")
                .param("ids", applicationIds)
                .query((rs, row) -> new Score(rs.getLong("application_id"), rs.getString("assessor"),
                        rs.getString("scores") == null ? Map.of()
                                : json.read(rs.getString("scores"), new TypeReference<Map<String, Integer>>() { }),
                        rs.getBigDecimal("weighted_score"),
                        rs.getString("recommendation") == null ? null
                                : Recommendation.valueOf(rs.getString("recommendation")),
                        rs.getString("comment")))
                .list()
                .forEach(s -> found.computeIfAbsent(s.applicationId(), id -> new java.util.ArrayList<>()).add(s));
        return found;
    }

    /** The mean of the weighted scores, to two places; null when there are none. */
    public static BigDecimal mean(List<Score> scores) {
        List<BigDecimal> weighted = scores.stream().map(Score::weightedScore).filter(w -> w != null).toList();
        return weighted.isEmpty() ? null
                : weighted.stream().reduce(BigDecimal.ZERO, BigDecimal::add)
                        .divide(BigDecimal.valueOf(weighted.size()), 2, RoundingMode.HALF_UP);
    }
}
