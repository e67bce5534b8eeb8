package org.kith.assessment;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

import org.kith.applications.ApplicationAccess;
import org.kith.identity.CurrentUser;
import org.kith.web.ForbiddenException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** The panel view for the fund manager deciding: every assessment, and the average weighted score. */
@RestController
class AssessmentController {

    record Panel(long applicationId, BigDecimal averageWeightedScore, List<Assessments.Scored> assessments) {
    }

    private final ApplicationAccess access;
    private final Assessments assessments;

    AssessmentController(ApplicationAccess access, Assessments assessments) {
        this.access = access;
        this.assessments = assessments;
    }

    @GetMapping("/api/applications/{id}/assessments")
    Panel panel(CurrentUser user, @PathVariable long id) {
        if (!ApplicationAccess.seesAssessments(user, access.readable(user, id))) {
            throw new ForbiddenException("Assessments are for the fund manager deciding.");
        }
        List<Assessments.Scored> scored = assessments.scored(id);
        BigDecimal average = scored.isEmpty() ? null
                : scored.stream().map(Assessments.Scored::weightedScore).reduce(BigDecimal.ZERO, BigDecimal::add)
                        .divide(BigDecimal.valueOf(scored.size()), 2, RoundingMode.HALF_UP);
        return new Panel(id, average, scored);
    }
}
