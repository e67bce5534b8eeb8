package org.kith.audit;

import java.time.Clock;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Set;

import org.flowable.common.engine.impl.identity.Authentication;
import org.kith.identity.SignedIn;
import org.kith.web.Rows;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Appends to the audit trail inside the caller's transaction, so an event exists exactly when its change does. */
@Component
public class AuditLog {

    public static final String SYSTEM = "system";
    public static final String THE_FUND = "the fund";

    /** Assessment is confidential to the funder: assessors stay anonymous and scores internal. */
    private static final Set<String> STAFF_ONLY_ACTIONS =
            Set.of("ASSESSMENT_RECORDED", "CONFLICT_OF_INTEREST_DECLARED");

    private final JdbcClient jdbc;
    private final Clock clock;

    AuditLog(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The person behind the current change: the engine's authenticated user, the web user, or the system. */
    public static String currentActor() {
        String engineUser = Authentication.getAuthenticatedUserId();
        if (engineUser != null) {
            return engineUser;
        }
        return SignedIn.username().orElse(SYSTEM);
    }

    public void record(Long applicationId, String action, String fromStatus, String toStatus, String detail) {
        record(applicationId, currentActor(), action, fromStatus, toStatus, detail);
    }

    public void record(Long applicationId, String actor, String action, String fromStatus, String toStatus,
            String detail) {
        jdbc.sql("""
                INSERT INTO audit_event (application_id, occurred_at, actor, action, from_status, to_status, detail)
                VALUES (:applicationId, :now, :actor, :action, :fromStatus, :toStatus, :detail)""")
                .param("applicationId", applicationId).param("now", LocalDateTime.now(clock))
                .param("actor", actor).param("action", action).param("fromStatus", fromStatus)
                .param("toStatus", toStatus).param("detail", detail)
                .update();
    }

    /** An event about a person's account (invited, roles changed, switched off), kept with the account's id. */
    public void recordAboutAccount(long accountId, String actor, String action, String detail) {
        jdbc.sql("""
                INSERT INTO audit_event (application_id, account_id, occurred_at, actor, action, detail)
                VALUES (NULL, :accountId, :now, :actor, :action, :detail)""")
                .param("accountId", accountId).param("now", LocalDateTime.now(clock)).param("actor", actor)
                .param("action", action).param("detail", detail)
                .update();
    }

    /** What has happened to one account, oldest first. */
    public List<AuditEvent> aboutAccount(long accountId) {
        return jdbc.sql("""
                SELECT id, application_id, occurred_at, actor, action, from_status, to_status, detail
                FROM audit_event WHERE account_id = :id ORDER BY id""")
                .param("id", accountId).query(Rows.of(AuditEvent.class)).list();
    }

    /**
     * The timeline as the group sees it: what happened to their application and why, but not who assessed
     * it or how they scored. Staff are named as "the fund"; the group's own members and the system by name.
     */
    public List<AuditEvent> forApplicant(long applicationId, Set<String> groupMembers) {
        return forApplication(applicationId).stream()
                .filter(e -> !STAFF_ONLY_ACTIONS.contains(e.action()))
                .map(e -> groupMembers.contains(e.actor()) || SYSTEM.equals(e.actor()) ? e
                        : new AuditEvent(e.id(), e.applicationId(), e.occurredAt(), THE_FUND, e.action(),
                                e.fromStatus(), e.toStatus(), e.detail()))
                .toList();
    }

    /**
     * The history as a member of staff sees it. Who assessed and how they scored is for those who decide (and
     * admins): others on staff, above all a second assessor before scoring, see only their own assessment events.
     */
    public List<AuditEvent> forStaff(long applicationId, String viewer, boolean seesAssessments) {
        List<AuditEvent> all = forApplication(applicationId);
        return seesAssessments ? all : all.stream()
                .filter(e -> !STAFF_ONLY_ACTIONS.contains(e.action()) || e.actor().equals(viewer))
                .toList();
    }

    public List<AuditEvent> forApplication(long applicationId) {
        return jdbc.sql("""
                SELECT id, application_id, occurred_at, actor, action, from_status, to_status, detail
                FROM audit_event WHERE application_id = :id ORDER BY id""")
                .param("id", applicationId).query(Rows.of(AuditEvent.class)).list();
    }
}
