package org.kith.applications;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

public record Application(
        long id,
        String reference,
        long fundId,
        long organisationId,
        String createdBy,
        String title,
        String summary,
        BigDecimal amountRequested,
        BigDecimal amountAwarded,
        Map<String, String> answers,
        ApplicationStatus status,
        Route route,
        List<String> eligibilityReasons,
        String processInstanceId,
        LocalDateTime createdAt,
        LocalDateTime updatedAt,
        LocalDateTime submittedAt) {
}
