package org.kith.workflow;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.kith.identity.CurrentUser;

/**
 * What the task service needs to know about the application a task belongs to. The applications module
 * answers, so the arrow points one way: applications use the workflow, not the other way round.
 */
public interface TaskSubjects {

    record Subject(long applicationId, String reference) {
    }

    /** Empty when this person may not read the application: a task of it must look as if it did not exist. */
    Optional<Subject> readable(CurrentUser user, long applicationId);

    Map<Long, Subject> readableAmong(CurrentUser user, Collection<Long> applicationIds);

    /**
     * What the inbox shows of the application a task belongs to, copied into the task-list read model when the task
     * is created.
     *
     * @param route         LIGHT_TOUCH or FULL, null before routing
     * @param decisionWeeks the fund's published weeks from submission to decision (0: none published)
     */
    record InboxFacts(long applicationId, long fundId, String reference, String groupName,
            BigDecimal amountRequested, String route, LocalDateTime submittedAt, int decisionWeeks) {
    }

    /** Empty when there is no such application. Asks nobody's permission: it feeds the read model. */
    Optional<InboxFacts> facts(long applicationId);

    /** The names of every fund, by id, for lists of tasks (a handful: funds are few). */
    Map<Long, String> allFundNames();

    /** The applications every other module's veto hides from this person (e.g. a declared conflict of interest). */
    Set<Long> hiddenFrom(CurrentUser user);

    /** Holds the application's row until the transaction ends, so actions on one application take turns. */
    void lock(long applicationId);
}
