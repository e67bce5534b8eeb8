package org.kith.applications;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

public record ApplicationView(
        long id,
        String reference,
        long fundId,
        long organisationId,
        String title,
        String summary,
        BigDecimal amountRequested,
        BigDecimal amountAwarded,
        Map<String, String> answers,
        ApplicationStatus status,
        Route route,
        List<String> eligibilityReasons,
        LocalDateTime createdAt,
        LocalDateTime submittedAt) {

    static ApplicationView of(Application a) {
        return new ApplicationView(a.id(), a.reference(), a.fundId(), a.organisationId(), a.title(), a.summary(),
                a.amountRequested(), a.amountAwarded(), a.answers(), a.status(), a.route(),
                a.eligibilityReasons(), a.createdAt(), a.submittedAt());
    }
}
