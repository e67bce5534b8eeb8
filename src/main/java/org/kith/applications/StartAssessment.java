package org.kith.applications;

import org.flowable.engine.delegate.DelegateExecution;
import org.flowable.engine.delegate.JavaDelegate;
import org.kith.workflow.ProcessKeys;
import org.springframework.stereotype.Component;

/** Records the route the decision table chose and opens assessment: one assessor, or two for FULL. */
@Component("startAssessment")
class StartAssessment implements JavaDelegate {

    private final Applications applications;

    StartAssessment(Applications applications) {
        this.applications = applications;
    }

    @Override
    public void execute(DelegateExecution execution) {
        long applicationId = ProcessKeys.applicationId(execution);
        Route route = Route.valueOf((String) execution.getVariable("route"));
        applications.recordRoute(applicationId, route);
        applications.transition(applicationId, ApplicationStatus.IN_ASSESSMENT, "ROUTED",
                "Route " + route + ": " + route.assessments() + " assessment(s).");
        execution.setVariable("assessorCount", route.assessments());
    }
}
