package org.kith.awards;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;

import org.kith.web.Rows;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The fund's questions to a group and the group's answers, oldest first, for the group's pages. */
@Repository
class InformationRequests {

    record InformationRequest(long id, long applicationId, String question, LocalDateTime requestedAt, String answer,
            LocalDateTime answeredAt) {

        public boolean answered() {
            return answeredAt != null;
        }
    }

    private final JdbcClient jdbc;

    InformationRequests(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<InformationRequest> forApplication(long applicationId) {
        return jdbc.sql("""
                SELECT id, application_id, question, requested_at, answer, answered_at FROM information_request
                WHERE application_id = :id ORDER BY id""")
                .param("id", applicationId).query(Rows.of(InformationRequest.class)).list();
    }

    Optional<InformationRequest> latest(long applicationId) {
        List<InformationRequest> all = forApplication(applicationId);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }
}
