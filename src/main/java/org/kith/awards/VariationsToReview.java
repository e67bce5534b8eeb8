package org.kith.awards;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;

import org.kith.identity.CurrentUser;
import org.kith.web.Rows;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Variation requests waiting for review in the funds a fund manager manages, and one grant's latest request. */
@Component
class VariationsToReview {

    /** A request with its grant: the award as it stands and the process that reviews it. */
    record Request(long variationId, long applicationId, String reference, String title, long fundId,
            String fundName, String groupName, String description, BigDecimal newAmount, BigDecimal currentAmount,
            String status, String reason, String requestedBy, LocalDateTime requestedAt, String decidedBy,
            String processInstanceId) {

        public boolean open() {
            return "REQUESTED".equals(status);
        }
    }

    private static final String SELECT = """
            SELECT v.id AS variation_id, v.application_id, a.reference, a.title, a.fund_id, f.name AS fund_name,
              o.name AS group_name, v.description, v.new_amount, aw.amount AS current_amount, v.status, v.reason,
              v.requested_by, v.requested_at, v.decided_by, v.process_instance_id
            FROM variation v
            JOIN application a ON a.id = v.application_id
            JOIN fund f ON f.id = a.fund_id
            JOIN organisation o ON o.id = a.organisation_id
            LEFT JOIN award aw ON aw.application_id = a.id
            """;

    private final JdbcClient jdbc;

    VariationsToReview(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<Request> waiting(CurrentUser user) {
        return jdbc.sql(SELECT + " WHERE v.status = 'REQUESTED' AND v.process_instance_id IS NOT NULL"
                + " ORDER BY v.requested_at, v.id")
                .query(Rows.of(Request.class)).list().stream().filter(r -> user.managesFund(r.fundId())).toList();
    }

    /** The request on this grant still open, else the latest one. */
    Optional<Request> latest(long applicationId) {
        return jdbc.sql(SELECT + " WHERE v.application_id = :id ORDER BY CASE WHEN v.status = 'REQUESTED' THEN 0"
                + " ELSE 1 END, v.id DESC")
                .param("id", applicationId).query(Rows.of(Request.class)).list().stream().findFirst();
    }
}
