package org.kith.awards;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.flowable.engine.RuntimeService;
import org.flowable.engine.delegate.DelegateExecution;
import org.flowable.engine.runtime.Execution;
import org.kith.applications.Applications;
import org.kith.audit.AuditLog;
import org.kith.funds.Fund;
import org.kith.funds.Funds;
import org.kith.web.Rows;
import org.kith.workflow.ProcessKeys;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Component;

/**
 * Variation rows, and the outcomes the grantVariation BPMN calls as {@code ${variations.approve(execution)}}.
 * An approved new amount changes the award and the last unpaid tranche. A request still waiting when its grant
 * closes is cancelled, so no review is left open on a closed grant.
 */
@Component("variations")
public class Variations {

    public record Variation(long id, long applicationId, String description, BigDecimal newAmount, String status,
            String reason, String requestedBy, LocalDateTime requestedAt, String decidedBy) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;
    private final AwardRecords records;
    private final Applications applications;
    private final Funds funds;
    private final AuditLog audit;
    private final RuntimeService runtime;
    private final GroupNews news;

    Variations(JdbcClient jdbc, Clock clock, AwardRecords records, Applications applications, Funds funds,
            AuditLog audit, RuntimeService runtime, GroupNews news) {
        this.jdbc = jdbc;
        this.funds = funds;
        this.clock = clock;
        this.records = records;
        this.applications = applications;
        this.audit = audit;
        this.runtime = runtime;
        this.news = news;
    }

    long request(long applicationId, String description, BigDecimal newAmount, String requestedBy) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO variation (application_id, description, new_amount, status, requested_by, requested_at)
                VALUES (:id, :description, :newAmount, 'REQUESTED', :by, :now)""")
                .param("id", applicationId).param("description", description).param("newAmount", newAmount)
                .param("by", requestedBy).param("now", LocalDateTime.now(clock)).update(keys);
        long id = keys.getKey().longValue();
        audit.record(applicationId, "VARIATION_REQUESTED", null, null, description);
        return id;
    }

    void recordProcess(long variationId, String processInstanceId) {
        jdbc.sql("UPDATE variation SET process_instance_id = :pid WHERE id = :id")
                .param("pid", processInstanceId).param("id", variationId).update();
    }

    Optional<Variation> find(long id) {
        return jdbc.sql("""
                SELECT id, application_id, description, new_amount, status, reason, requested_by, requested_at,
                  decided_by FROM variation WHERE id = :id""")
                .param("id", id).query(Rows.of(Variation.class)).optional();
    }

    void recordReview(long variationId, String reason, String decidedBy) {
        jdbc.sql("UPDATE variation SET reason = :reason, decided_by = :by, decided_at = :now WHERE id = :id")
                .param("reason", reason).param("by", decidedBy).param("now", LocalDateTime.now(clock))
                .param("id", variationId).update();
    }

    public void approve(DelegateExecution execution) {
        Variation variation = decide(execution, "APPROVED");
        if (variation.newAmount() != null) {
            BigDecimal old = records.award(variation.applicationId()).orElseThrow().amount();
            BigDecimal difference = variation.newAmount().subtract(old);
            AwardRecords.Payment last = lastUnpaid(variation.applicationId())
                    .orElseThrow(() -> new IllegalStateException("no unpaid tranche to vary"));
            records.changePaymentAmount(last.id(), last.amount().add(difference));
            records.changeAwardAmount(variation.applicationId(), variation.newAmount());
            applications.recordAmountAwarded(variation.applicationId(), variation.newAmount());
        }
        audit.record(variation.applicationId(), "VARIATION_APPROVED", null, null, variation.reason());
        news.variationDecided(applications.get(variation.applicationId()), true, variation.reason());
    }

    public void refuse(DelegateExecution execution) {
        Variation variation = decide(execution, "REFUSED");
        audit.record(variation.applicationId(), "VARIATION_REFUSED", null, null, variation.reason());
        news.variationDecided(applications.get(variation.applicationId()), false, variation.reason());
    }

    /** grantApplication, on closing: each variation still under review gets the grantClosed message. */
    public void cancelPending(DelegateExecution execution) {
        List<String> waiting = jdbc.sql("""
                SELECT process_instance_id FROM variation
                WHERE application_id = :id AND status = 'REQUESTED' AND process_instance_id IS NOT NULL""")
                .param("id", ProcessKeys.applicationId(execution)).query(String.class).list();
        for (String processInstanceId : waiting) {
            Execution review = runtime.createExecutionQuery().processInstanceId(processInstanceId)
                    .messageEventSubscriptionName(ProcessKeys.GRANT_CLOSED_MESSAGE).singleResult();
            if (review != null) {
                runtime.messageEventReceived(ProcessKeys.GRANT_CLOSED_MESSAGE, review.getId());
            }
        }
    }

    public void cancel(DelegateExecution execution) {
        long variationId = ((Number) execution.getVariable(ProcessKeys.VARIATION_ID)).longValue();
        String reason = "The grant closed before this change was reviewed.";
        jdbc.sql("UPDATE variation SET status = 'CANCELLED', reason = :reason, decided_at = :now WHERE id = :id")
                .param("reason", reason).param("now", LocalDateTime.now(clock)).param("id", variationId).update();
        audit.record(ProcessKeys.applicationId(execution), "VARIATION_CANCELLED", null, null, reason);
    }

    /**
     * Why the award of this grant cannot become {@code newAmount} now, if it cannot: the change lands on the
     * last unpaid tranche, which must stay above zero, and an increase must fit in what the fund has left.
     */
    Optional<String> refusalOfNewAmount(long applicationId, BigDecimal newAmount) {
        Optional<AwardRecords.Payment> last = lastUnpaid(applicationId);
        if (last.isEmpty()) {
            return Optional.of("Every payment has been made, so the amount can no longer change.");
        }
        BigDecimal current = records.award(applicationId).orElseThrow().amount();
        BigDecimal floor = current.subtract(last.get().amount());
        if (newAmount.compareTo(floor) <= 0) {
            return Optional.of("The new amount must be more than the " + floor
                    + " already paid or due before the last payment.");
        }
        Fund fund = funds.get(applications.get(applicationId).fundId());
        if (newAmount.compareTo(fund.maximumAward()) > 0) {
            return Optional.of("The new amount is more than this fund's largest award of " + fund.maximumAward() + ".");
        }
        BigDecimal left = fund.budget().subtract(records.committedLocked(fund.id()));
        if (newAmount.subtract(current).compareTo(left) > 0) {
            return Optional.of("The fund has only " + left + " left, not enough for this increase.");
        }
        return Optional.empty();
    }

    Optional<AwardRecords.Payment> lastUnpaid(long applicationId) {
        return records.payments(applicationId).stream().filter(p -> p.paidAt() == null)
                .max(Comparator.comparingInt(AwardRecords.Payment::tranche));
    }

    /** The request on this grant still waiting for review, if there is one. */
    Optional<Variation> open(long applicationId) {
        return jdbc.sql("""
                SELECT id, application_id, description, new_amount, status, reason, requested_by, requested_at,
                  decided_by FROM variation WHERE application_id = :id AND status = 'REQUESTED' ORDER BY id""")
                .param("id", applicationId).query(Rows.of(Variation.class)).list().stream().findFirst();
    }

    List<Variation> forApplication(long applicationId) {
        return jdbc.sql("""
                SELECT id, application_id, description, new_amount, status, reason, requested_by, requested_at,
                  decided_by FROM variation WHERE application_id = :id ORDER BY id""")
                .param("id", applicationId).query(Rows.of(Variation.class)).list();
    }

    private Variation decide(DelegateExecution execution, String status) {
        long variationId = ((Number) execution.getVariable(ProcessKeys.VARIATION_ID)).longValue();
        jdbc.sql("UPDATE variation SET status = :status WHERE id = :id")
                .param("status", status).param("id", variationId).update();
        return find(variationId).orElseThrow();
    }
}
