package org.kith.monitoring;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Map;
import java.util.Optional;

import org.kith.applications.ApplicationChanged;
import org.kith.web.JsonColumns;
import org.kith.web.Rows;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.fasterxml.jackson.core.type.TypeReference;

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

    private static final TypeReference<Map<String, String>> FIELDS = new TypeReference<>() { };

    private final JdbcClient jdbc;
    private final Clock clock;
    private final JsonColumns json;

    private final ApplicationEventPublisher events;

    GrantReports(JdbcClient jdbc, Clock clock, JsonColumns json, ApplicationEventPublisher events) {
        this.events = events;
        this.jdbc = jdbc;
        this.clock = clock;
        this.json = json;
    }

    /** Idempotent, so a retried grant start expects one report. */
    public void expect(long applicationId, LocalDate dueOn) {
        if (find(applicationId).isEmpty()) {
            jdbc.sql("INSERT INTO grant_report (application_id, due_on, status) VALUES (:id, :due, 'DUE')")
                    .param("id", applicationId).param("due", dueOn).update();
            events.publishEvent(new ApplicationChanged(applicationId));
        }
    }

    public Optional<GrantReport> find(long applicationId) {
        return jdbc.sql("""
                SELECT id, application_id, due_on, status, what_we_did, difference_it_made, what_we_learned,
                  people_reached, amount_spent, feedback FROM grant_report WHERE application_id = :id""")
                .param("id", applicationId).query(Rows.of(GrantReport.class)).optional();
    }

    void submit(long applicationId, SubmitReport.Form form, String by) {
        jdbc.sql("""
                UPDATE grant_report SET status = 'SUBMITTED', what_we_did = :did, difference_it_made = :difference,
                  what_we_learned = :learned, people_reached = :people, amount_spent = :spent,
                  submitted_by = :by, submitted_at = :now, draft = NULL, draft_saved_by = NULL, draft_saved_at = NULL
                WHERE application_id = :id""")
                .param("did", form.whatWeDid()).param("difference", form.differenceItMade())
                .param("learned", form.whatWeLearned()).param("people", form.peopleReached())
                .param("spent", form.amountSpent()).param("by", by).param("now", LocalDateTime.now(clock))
                .param("id", applicationId).update();
        events.publishEvent(new ApplicationChanged(applicationId));
    }

    /** What the group has typed so far, kept as typed and not sent: "Save and come back later". */
    public record Draft(Map<String, String> fields, String savedBy, LocalDateTime savedAt) {
    }

    /** Keeps a draft of the report without sending it; the task stays open and the fund sees nothing new. */
    void saveDraft(long applicationId, Map<String, String> fields, String by) {
        jdbc.sql("""
                UPDATE grant_report SET draft = :draft, draft_saved_by = :by, draft_saved_at = :now
                WHERE application_id = :id""")
                .param("draft", json.write(fields)).param("by", by).param("now", LocalDateTime.now(clock))
                .param("id", applicationId).update();
    }

    Optional<Draft> draft(long applicationId) {
        return jdbc.sql("""
                SELECT draft, draft_saved_by, draft_saved_at FROM grant_report
                WHERE application_id = :id AND draft IS NOT NULL""")
                .param("id", applicationId)
                .query((rs, row) -> new Draft(json.read(rs.getString("draft"), FIELDS),
                        rs.getString("draft_saved_by"), rs.getObject("draft_saved_at", LocalDateTime.class)))
                .optional();
    }

    void review(long applicationId, boolean accepted, String feedback, String by) {
        jdbc.sql("""
                UPDATE grant_report SET status = :status, feedback = :feedback, reviewed_by = :by, reviewed_at = :now
                WHERE application_id = :id""")
                .param("status", accepted ? ACCEPTED : CHANGES_REQUESTED).param("feedback", feedback)
                .param("by", by).param("now", LocalDateTime.now(clock)).param("id", applicationId).update();
        events.publishEvent(new ApplicationChanged(applicationId));
    }
}
