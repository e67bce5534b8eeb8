package org.kith.audit;

import java.time.LocalDateTime;

public record AuditEvent(long id, Long applicationId, LocalDateTime occurredAt, String actor, String action,
        String fromStatus, String toStatus, String detail) {
}
