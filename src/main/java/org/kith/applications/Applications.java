package org.kith.applications;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.kith.audit.AuditLog;
import org.kith.web.ConflictException;
import org.kith.web.JsonColumns;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

import com.fasterxml.jackson.core.type.TypeReference;

/** Application rows, and the one way their status changes: checked against the status machine and audited. */
@Repository
public class Applications {

    private static final String COLUMNS = """
            id, reference, fund_id, organisation_id, created_by, title, summary, amount_requested,
            amount_awarded, answers, status, route, eligibility_reasons, process_instance_id,
            created_at, updated_at, submitted_at""";

    private final JdbcClient jdbc;
    private final JsonColumns json;
    private final Clock clock;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;

    Applications(JdbcClient jdbc, JsonColumns json, Clock clock, AuditLog audit, ApplicationEventPublisher events) {
        this.events = events;
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
        this.audit = audit;
    }

    public Optional<Application> find(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM application WHERE id = :id")
                .param("id", id).query(this::map).optional();
    }

    public Application get(long id) {
        return find(id).orElseThrow(() -> new IllegalStateException("application " + id + " is missing"));
    }

    public Optional<Long> idOfReference(String reference) {
        return jdbc.sql("SELECT id FROM application WHERE reference = :reference").param("reference", reference)
                .query(Long.class).optional();
    }

    public List<Application> findAll(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT " + COLUMNS + " FROM application WHERE id IN (:ids)")
                .param("ids", ids).query(this::map).list();
    }

    public Optional<Application> findByIdempotencyKey(long organisationId, String key) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM application WHERE organisation_id = :org AND idempotency_key = :key")
                .param("org", organisationId).param("key", key).query(this::map).optional();
    }

    /**
     * Newest first. One group's applications when {@code organisationId} is given; otherwise everything past the
     * draft stage, since drafts are the group's own unfinished work. Optionally of one fund and one status.
     */
    public List<Application> page(Long organisationId, Long fundId, ApplicationStatus status, int offset, int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM application WHERE ")
                .append(organisationId != null ? "organisation_id = :org" : "status <> 'DRAFT'");
        if (fundId != null) {
            sql.append(" AND fund_id = :fund");
        }
        if (status != null) {
            sql.append(" AND status = :status");
        }
        sql.append(" ORDER BY id DESC LIMIT :limit OFFSET :offset");
        var query = jdbc.sql(sql.toString()).param("limit", limit).param("offset", offset);
        if (organisationId != null) {
            query = query.param("org", organisationId);
        }
        if (fundId != null) {
            query = query.param("fund", fundId);
        }
        if (status != null) {
            query = query.param("status", status.name());
        }
        return query.query(this::map).list();
    }

    /** Called inside the caller's transaction; a duplicate idempotency key surfaces as DuplicateKeyException. */
    public long createDraft(long fundId, long organisationId, String createdBy, String idempotencyKey,
            String idempotencyFingerprint, String title, String summary, BigDecimal amountRequested, Map<String, String> answers) {
        LocalDateTime now = LocalDateTime.now(clock);
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO application (fund_id, organisation_id, created_by, idempotency_key, idempotency_hash,
                  title, summary, amount_requested, answers, status, created_at, updated_at)
                VALUES (:fundId, :org, :createdBy, :key, :hash, :title, :summary, :amount, :answers, 'DRAFT', :now,
                  :now)""")
                .param("fundId", fundId).param("org", organisationId).param("createdBy", createdBy)
                .param("key", idempotencyKey).param("hash", idempotencyFingerprint).param("title", title).param("summary", summary)
                .param("amount", amountRequested)
                .param("answers", json.write(answers == null ? Map.of() : answers)).param("now", now)
                .update(keys);
        long id = keys.getKey().longValue();
        jdbc.sql("UPDATE application SET reference = :reference WHERE id = :id")
                .param("reference", "KITH-%d-%06d".formatted(now.getYear(), id)).param("id", id).update();
        audit.record(id, "APPLICATION_STARTED", null, ApplicationStatus.DRAFT.name(), null);
        return id;
    }

    /** The SHA-256 of the request that created this draft with an idempotency key, if it had one. */
    public Optional<String> idempotencyFingerprint(long id) {
        return jdbc.sql("SELECT idempotency_hash FROM application WHERE id = :id")
                .param("id", id).query(String.class).optional();
    }

    /** Replaces a draft's editable fields, its fund included; refuses once it has left the draft stage. */
    @Transactional
    public void updateDraft(long id, long fundId, String title, String summary, BigDecimal amountRequested,
            Map<String, String> answers) {
        int updated = jdbc.sql("""
                UPDATE application SET fund_id = :fundId, title = :title, summary = :summary,
                  amount_requested = :amount, answers = :answers, updated_at = :now
                WHERE id = :id AND status = 'DRAFT'""")
                .param("fundId", fundId).param("title", title).param("summary", summary).param("amount", amountRequested)
                .param("answers", json.write(answers == null ? Map.of() : answers))
                .param("now", LocalDateTime.now(clock)).param("id", id)
                .update();
        if (updated == 0) {
            throw new ConflictException("Only a draft can be changed; this application has been submitted.");
        }
    }

    /**
     * Moves an application to {@code to}, locking its row first so two changes never interleave.
     * Refuses (409) a move the status machine does not allow.
     */
    @Transactional
    public ApplicationStatus transition(long id, ApplicationStatus to, String action, String why) {
        ApplicationStatus from = lockStatus(id);
        if (!to.reachableFrom().contains(from)) {
            throw new ConflictException("This application is " + from + " and cannot become " + to + ".");
        }
        jdbc.sql("UPDATE application SET status = :to, updated_at = :now"
                        + (to == ApplicationStatus.SUBMITTED ? ", submitted_at = :now" : "") + " WHERE id = :id")
                .param("to", to.name()).param("now", LocalDateTime.now(clock)).param("id", id).update();
        audit.record(id, action, from.name(), to.name(), why);
        events.publishEvent(new ApplicationChanged(id));
        return from;
    }

    public ApplicationStatus lockStatus(long id) {
        return jdbc.sql("SELECT status FROM application WHERE id = :id FOR UPDATE")
                .param("id", id).query(String.class).optional()
                .map(ApplicationStatus::valueOf)
                .orElseThrow(() -> new IllegalStateException("application " + id + " is missing"));
    }

    /** Marks a draft as changed just now (a file added or removed). */
    public void touch(long id) {
        jdbc.sql("UPDATE application SET updated_at = :now WHERE id = :id")
                .param("now", LocalDateTime.now(clock)).param("id", id).update();
    }

    public void recordProcess(long id, String processInstanceId) {
        jdbc.sql("UPDATE application SET process_instance_id = :pid WHERE id = :id")
                .param("pid", processInstanceId).param("id", id).update();
    }

    public void recordRoute(long id, Route route) {
        jdbc.sql("UPDATE application SET route = :route WHERE id = :id")
                .param("route", route.name()).param("id", id).update();
        events.publishEvent(new ApplicationChanged(id));
    }

    public void recordEligibilityReasons(long id, List<String> reasons) {
        jdbc.sql("UPDATE application SET eligibility_reasons = :reasons WHERE id = :id")
                .param("reasons", json.write(reasons)).param("id", id).update();
    }

    public void recordAmountAwarded(long id, BigDecimal amount) {
        jdbc.sql("UPDATE application SET amount_awarded = :amount, updated_at = :now WHERE id = :id")
                .param("amount", amount).param("now", LocalDateTime.now(clock)).param("id", id).update();
        events.publishEvent(new ApplicationChanged(id));
    }

    /** Grants this organisation holds from this fund, other than the given application. */
    public int runningGrants(long organisationId, long fundId, long exceptApplicationId) {
        return jdbc.sql("""
                SELECT COUNT(*) FROM application
                WHERE organisation_id = :org AND fund_id = :fund AND id <> :id AND status IN (:running)""")
                .param("org", organisationId).param("fund", fundId).param("id", exceptApplicationId)
                .param("running", ApplicationStatus.RUNNING_GRANT.stream().map(Enum::name).toList())
                .query(Integer.class).single();
    }

    /** Has this organisation ever been funded, by any fund? */
    public boolean hasBeenFunded(long organisationId) {
        return jdbc.sql("""
                SELECT COUNT(*) FROM application WHERE organisation_id = :org AND status IN ('FUNDED', 'CLOSED')""")
                .param("org", organisationId).query(Integer.class).single() > 0;
    }

    private Application map(ResultSet rs, int row) throws SQLException {
        String route = rs.getString("route");
        String reasons = rs.getString("eligibility_reasons");
        return new Application(
                rs.getLong("id"), rs.getString("reference"), rs.getLong("fund_id"), rs.getLong("organisation_id"),
                rs.getString("created_by"), rs.getString("title"), rs.getString("summary"),
                rs.getBigDecimal("amount_requested"), rs.getBigDecimal("amount_awarded"),
                json.read(rs.getString("answers"), new TypeReference<Map<String, String>>() { }),
                ApplicationStatus.valueOf(rs.getString("status")),
                route == null ? null : Route.valueOf(route),
                reasons == null ? List.of() : json.read(reasons, new TypeReference<List<String>>() { }),
                rs.getString("process_instance_id"),
                rs.getObject("created_at", LocalDateTime.class), rs.getObject("updated_at", LocalDateTime.class),
                rs.getObject("submitted_at", LocalDateTime.class));
    }


}
