package org.kith.applications;

import java.time.LocalDateTime;

/** A file that answers one {@code file} question of an application; the bytes are read only to download it. */
public record Attachment(long id, long applicationId, String questionKey, String fileName, String contentType,
        long sizeBytes, String uploadedBy, LocalDateTime uploadedAt) {
}
