package org.kith.assessment;

import java.util.Set;

import org.kith.applications.AccessVeto;
import org.kith.identity.CurrentUser;
import org.springframework.stereotype.Component;

/** An assessor who declared a conflict on an application can never read it, nor take its tasks, again. */
@Component
class ConflictOfInterestVeto implements AccessVeto {

    private final Assessments assessments;

    ConflictOfInterestVeto(Assessments assessments) {
        this.assessments = assessments;
    }

    @Override
    public Set<Long> hiddenFrom(CurrentUser user) {
        return assessments.conflictedApplications(user.username());
    }
}
