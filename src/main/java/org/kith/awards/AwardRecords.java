package org.kith.awards;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;

import org.kith.applications.ApplicationChanged;
import org.kith.web.Rows;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Decisions, information requests, awards and payments: the rows behind the award part of the process. */
@Repository
public class AwardRecords {

    /** {@code conditions}: what the fund manager added to the standard conditions of an award, if anything. */
    public record Decision(long id, String outcome, BigDecimal amountAwarded, String reason, String question,
            String decidedBy, LocalDateTime decidedAt, String conditions) {
    }

    /**
     * {@code respondBy} is the last day to answer, as the letter prints it; {@code lapsesAt} (UTC) is the moment
     * after it, when the acceptOffer timer fires. Awards made before V4 have no {@code lapsesAt}: see
     * {@link #lapsesAt()}.
     */
    public record Award(long id, long applicationId, BigDecimal amount, String conditions, LocalDateTime offeredAt,
            LocalDate respondBy, LocalDateTime lapsesAt, Boolean accepted) {

        /** When the offer lapses: the stored moment, or the start of the day after the date to answer by. */
        public LocalDateTime lapsesAt() {
            return lapsesAt != null ? lapsesAt : endOf(respondBy);
        }

        /** An offer to be answered by a day may be answered all that day (UTC): it lapses as the next begins. */
        public static LocalDateTime endOf(LocalDate respondBy) {
            return respondBy.plusDays(1).atStartOfDay();
        }
    }

    public record Payment(long id, long applicationId, int tranche, BigDecimal amount, LocalDate dueOn,
            LocalDateTime paidAt, String paidBy) {
    }

    /** The longest payment reference from the finance system that Kith keeps ({@code payment.reference}). */
    public static final int REFERENCE_MAX = 50;

    private final JdbcClient jdbc;
    private final Clock clock;

    private final ApplicationEventPublisher events;

    AwardRecords(JdbcClient jdbc, Clock clock, ApplicationEventPublisher events) {
        this.events = events;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    void recordDecision(long applicationId, DecisionOutcome outcome, BigDecimal amount, String reason,
            String question, String conditions, String decidedBy) {
        jdbc.sql("""
                INSERT INTO decision (application_id, outcome, amount_awarded, reason, question, conditions,
                  decided_by, decided_at)
                VALUES (:id, :outcome, :amount, :reason, :question, :conditions, :by, :now)""")
                .param("id", applicationId).param("outcome", outcome.name()).param("amount", amount)
                .param("reason", reason).param("question", question).param("conditions", conditions)
                .param("by", decidedBy).param("now", LocalDateTime.now(clock)).update();
    }

    Optional<Decision> latestDecision(long applicationId) {
        return jdbc.sql("""
                SELECT id, outcome, amount_awarded, reason, question, decided_by, decided_at, conditions FROM decision
                WHERE application_id = :id ORDER BY id DESC LIMIT 1""")
                .param("id", applicationId).query(Rows.of(Decision.class)).optional();
    }

    void requestInformation(long applicationId, String question, String requestedBy) {
        jdbc.sql("""
                INSERT INTO information_request (application_id, question, requested_by, requested_at)
                VALUES (:id, :question, :by, :now)""")
                .param("id", applicationId).param("question", question).param("by", requestedBy)
                .param("now", LocalDateTime.now(clock)).update();
    }

    int answerInformationRequest(long applicationId, String answer, String answeredBy) {
        return jdbc.sql("""
                UPDATE information_request SET answer = :answer, answered_by = :by, answered_at = :now
                WHERE application_id = :id AND answer IS NULL""")
                .param("answer", answer).param("by", answeredBy).param("now", LocalDateTime.now(clock))
                .param("id", applicationId).update();
    }

    /** Money promised from this fund so far, with the fund's row locked so two awards cannot overspend it. */
    BigDecimal committedLocked(long fundId) {
        jdbc.sql("SELECT id FROM fund WHERE id = :id FOR UPDATE").param("id", fundId).query(Long.class).single();
        return committed(fundId);
    }

    /**
     * Money promised from this fund: awards offered, accepted or paid out. An offer the group turned down or let
     * lapse, and a declined or withdrawn application, promise nothing.
     */
    public BigDecimal committed(long fundId) {
        return jdbc.sql("""
                SELECT COALESCE(SUM(amount_awarded), 0) FROM application
                WHERE fund_id = :id AND status IN ('OFFERED', 'FUNDED', 'CLOSED')""")
                .param("id", fundId).query(BigDecimal.class).single();
    }

    void createAward(long applicationId, BigDecimal amount, String conditions, LocalDate respondBy) {
        jdbc.sql("""
                INSERT INTO award (application_id, amount, conditions, offered_at, respond_by, lapses_at)
                VALUES (:id, :amount, :conditions, :now, :respondBy, :lapsesAt)""")
                .param("id", applicationId).param("amount", amount).param("conditions", conditions)
                .param("now", LocalDateTime.now(clock)).param("respondBy", respondBy)
                .param("lapsesAt", Award.endOf(respondBy)).update();
    }

    public Optional<Award> award(long applicationId) {
        return jdbc.sql("""
                SELECT id, application_id, amount, conditions, offered_at, respond_by, lapses_at, accepted FROM award
                WHERE application_id = :id""")
                .param("id", applicationId).query(Rows.of(Award.class)).optional();
    }

    void respondToOffer(long applicationId, boolean accepted, String by) {
        jdbc.sql("""
                UPDATE award SET accepted = :accepted, responded_by = :by, responded_at = :now
                WHERE application_id = :id""")
                .param("accepted", accepted).param("by", by).param("now", LocalDateTime.now(clock))
                .param("id", applicationId).update();
    }

    void changeAwardAmount(long applicationId, BigDecimal amount) {
        jdbc.sql("UPDATE award SET amount = :amount WHERE application_id = :id")
                .param("amount", amount).param("id", applicationId).update();
    }

    /** Idempotent: a tranche that already exists is left alone, so a retried job schedules nothing twice. */
    void schedulePayment(long applicationId, int tranche, BigDecimal amount, LocalDate dueOn) {
        int exists = jdbc.sql("SELECT COUNT(*) FROM payment WHERE application_id = :id AND tranche = :tranche")
                .param("id", applicationId).param("tranche", tranche).query(Integer.class).single();
        if (exists == 0) {
            jdbc.sql("""
                    INSERT INTO payment (application_id, tranche, amount, due_on)
                    VALUES (:id, :tranche, :amount, :dueOn)""")
                    .param("id", applicationId).param("tranche", tranche).param("amount", amount)
                    .param("dueOn", dueOn).update();
        }
    }

    public List<Payment> payments(long applicationId) {
        return jdbc.sql("""
                SELECT id, application_id, tranche, amount, due_on, paid_at, paid_by FROM payment
                WHERE application_id = :id ORDER BY tranche""")
                .param("id", applicationId).query(Rows.of(Payment.class)).list();
    }

    Payment payment(long paymentId) {
        return jdbc.sql("""
                SELECT id, application_id, tranche, amount, due_on, paid_at, paid_by FROM payment WHERE id = :id""")
                .param("id", paymentId).query(Rows.of(Payment.class)).single();
    }

    void markPaid(long paymentId, String by, String reference) {
        jdbc.sql("""
                UPDATE payment SET paid_at = :now, paid_by = :by, reference = :reference
                WHERE id = :id AND paid_at IS NULL""")
                .param("now", LocalDateTime.now(clock)).param("by", by).param("reference", reference)
                .param("id", paymentId).update();
        events.publishEvent(new ApplicationChanged(payment(paymentId).applicationId()));
    }

    void changePaymentAmount(long paymentId, BigDecimal amount) {
        jdbc.sql("UPDATE payment SET amount = :amount WHERE id = :id AND paid_at IS NULL")
                .param("amount", amount).param("id", paymentId).update();
    }
}
