package org.kith.monitoring;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The end-of-grant report: what you did, the difference it made, what you learned, people reached, money spent. */
@Repository
public class GrantReports {

    public record GrantReport(long id, long applicationId, LocalDate dueOn, String status, String whatWeDid,
            String differenceItMade, String whatWeLearned, Integer peopleReached, BigDecimal amountSpent,
            String feedback) {
    }

    public static final String DUE = "DUE";
    public static final String SUBMITTED = "SUBMITTED";
    public static final String CHANGES_REQUESTED = "CHANGES_REQUESTED";
    public static final String ACCEPTED = "ACCEPTED";

    private final JdbcClient jdbc;
    private final Clock clock;

    GrantReports(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Idempotent, so a retried grant start expects one report. */
    public void expect(long applicationId, LocalDate dueOn) {
        if (find(applicationId).isEmpty()) {
            jdbc.sql("INSERT INTO grant_report (application_id, due_on, status) VALUES (:id, :due, 'DUE')")
                    .param("id", applicationId).param("due", dueOn).update();
        }
    }

    public Optional<GrantReport> find(long applicationId) {
        return jdbc.sql("""
                SELECT id, application_id, due_on, status, what_we_did, difference_it_made, what_we_learned,
                  people_reached, amount_spent, feedback FROM grant_report WHERE application_id = :id""")
                .param("id", applicationId).query(GrantReport.class).optional();
    }

    void submit(long applicationId, SubmitReport.Form form, String by) {
        jdbc.sql("""
                UPDATE grant_report SET status = 'SUBMITTED', what_we_did = :did, difference_it_made = :difference,
                  what_we_learned = :learned, people_reached = :people, amount_spent = :spent,
                  submitted_by = :by, submitted_at = :now
                WHERE application_id = :id""")
                .param("did", form.whatWeDid()).param("difference", form.differenceItMade())
                .param("learned", form.whatWeLearned()).param("people", form.peopleReached())
                .param("spent", form.amountSpent()).param("by", by).param("now", LocalDateTime.now(clock))
                .param("id", applicationId).update();
    }

    void review(long applicationId, boolean accepted, String feedback, String by) {
        jdbc.sql("""
                UPDATE grant_report SET status = :status, feedback = :feedback, reviewed_by = :by, reviewed_at = :now
                WHERE application_id = :id""")
                .param("status", accepted ? ACCEPTED : CHANGES_REQUESTED).param("feedback", feedback)
                .param("by", by).param("now", LocalDateTime.now(clock)).param("id", applicationId).update();
    }
}
