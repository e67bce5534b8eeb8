package org.kith.workflow;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;

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

    /** Holds the application's row until the transaction ends, so actions on one application take turns. */
    void lock(long applicationId);
}
