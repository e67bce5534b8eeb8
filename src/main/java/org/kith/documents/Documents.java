package org.kith.documents;

import java.time.Clock;
import java.time.LocalDateTime;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class Documents {

    static final String OFFER_LETTER = "OFFER_LETTER";

    private final JdbcClient jdbc;
    private final Clock clock;

    Documents(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Replaces any earlier version, so a job that runs twice leaves one letter. */
    void store(long applicationId, String kind, String contentType, byte[] content) {
        jdbc.sql("DELETE FROM document WHERE application_id = :id AND kind = :kind")
                .param("id", applicationId).param("kind", kind).update();
        jdbc.sql("""
                INSERT INTO document (application_id, kind, content_type, content, created_at)
                VALUES (:id, :kind, :type, :content, :now)""")
                .param("id", applicationId).param("kind", kind).param("type", contentType)
                .param("content", content).param("now", LocalDateTime.now(clock)).update();
    }

    Optional<byte[]> content(long applicationId, String kind) {
        return jdbc.sql("SELECT content FROM document WHERE application_id = :id AND kind = :kind")
                .param("id", applicationId).param("kind", kind)
                .query((rs, row) -> rs.getBytes(1)).optional();
    }
}
