package org.kith.applications;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Attachment rows: one file per {@code file} question of an application, its bytes in the database. */
@Repository
class Attachments {

    private static final String COLUMNS = """
            id, application_id, question_key, file_name, content_type, size_bytes, uploaded_by, uploaded_at""";

    private final JdbcClient jdbc;
    private final Clock clock;

    Attachments(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Replaces any file already given for this question. Call with the application row locked. */
    long store(long applicationId, String questionKey, UploadedFiles.Checked file, String username) {
        remove(applicationId, questionKey);
        jdbc.sql("""
                INSERT INTO application_attachment (application_id, question_key, file_name, content_type, size_bytes,
                  content, uploaded_by, uploaded_at)
                VALUES (:app, :key, :name, :type, :size, :content, :by, :now)""")
                .param("app", applicationId).param("key", questionKey).param("name", file.fileName())
                .param("type", file.contentType()).param("size", (long) file.content().length)
                .param("content", file.content()).param("by", username).param("now", LocalDateTime.now(clock))
                .update();
        return find(applicationId, questionKey).orElseThrow().id();
    }

    int remove(long applicationId, String questionKey) {
        return jdbc.sql("DELETE FROM application_attachment WHERE application_id = :app AND question_key = :key")
                .param("app", applicationId).param("key", questionKey).update();
    }

    List<Attachment> forApplication(long applicationId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM application_attachment WHERE application_id = :app ORDER BY id")
                .param("app", applicationId).query(this::map).list();
    }

    Optional<Attachment> find(long applicationId, String questionKey) {
        return jdbc.sql("SELECT " + COLUMNS
                        + " FROM application_attachment WHERE application_id = :app AND question_key = :key")
                .param("app", applicationId).param("key", questionKey).query(this::map).optional();
    }

    Optional<Attachment> find(long applicationId, long attachmentId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM application_attachment WHERE application_id = :app AND id = :id")
                .param("app", applicationId).param("id", attachmentId).query(this::map).optional();
    }

    byte[] content(long attachmentId) {
        return jdbc.sql("SELECT content FROM application_attachment WHERE id = :id")
                .param("id", attachmentId).query((rs, row) -> rs.getBytes(1)).single();
    }

    private Attachment map(ResultSet rs, int row) throws SQLException {
        return new Attachment(rs.getLong("id"), rs.getLong("application_id"), rs.getString("question_key"),
                rs.getString("file_name"), rs.getString("content_type"), rs.getLong("size_bytes"),
                rs.getString("uploaded_by"), rs.getObject("uploaded_at", LocalDateTime.class));
    }
}
