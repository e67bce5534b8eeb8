package org.kith.applications;

import org.flowable.engine.delegate.DelegateExecution;
import org.kith.workflow.ProcessKeys;
import org.springframework.stereotype.Component;

/**
 * Status changes that are nothing but a status change, called from the BPMN as
 * {@code ${applicationStatus.moveTo(execution, 'DECLINED')}}. The reason, if any, comes in the transient
 * variable {@code statusReason} so free text never lands in the engine's tables.
 */
@Component("applicationStatus")
public class ApplicationStatusChanges {

    public static final String REASON = "statusReason";

    private final Applications applications;

    ApplicationStatusChanges(Applications applications) {
        this.applications = applications;
    }

    public void moveTo(DelegateExecution execution, String status) {
        long applicationId = ProcessKeys.applicationId(execution);
        ApplicationStatus to = ApplicationStatus.valueOf(status);
        Object reason = execution.getTransientVariable(REASON);
        applications.transition(applicationId, to, "STATUS_" + to.name(), reason == null ? null : reason.toString());
    }
}
