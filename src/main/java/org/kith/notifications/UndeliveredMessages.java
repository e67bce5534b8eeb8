package org.kith.notifications;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;

import org.kith.web.Rows;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Messages the relay gave up on, and sending one again (say, once an address is fixed): for admins. */
@Component
public class UndeliveredMessages {

    public record Undelivered(long id, Long applicationId, String kind, String recipient, int attempts,
            String lastError, LocalDateTime failedAt) {
    }

    private static final String COLUMNS = "id, application_id, kind, recipient, attempts, last_error, failed_at";

    private final JdbcClient jdbc;

    UndeliveredMessages(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The newest 200. */
    public List<Undelivered> list() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM notification WHERE failed_at IS NOT NULL AND sent_at IS NULL"
                        + " ORDER BY failed_at DESC, id DESC LIMIT 200")
                .query(Rows.of(Undelivered.class)).list();
    }

    /** Puts the message back in the outbox with its tries counted from zero; empty if it is not undelivered. */
    @Transactional
    public Optional<Undelivered> retry(long id) {
        Optional<Undelivered> undelivered = jdbc.sql("SELECT " + COLUMNS + " FROM notification"
                        + " WHERE id = :id AND failed_at IS NOT NULL AND sent_at IS NULL")
                .param("id", id).query(Rows.of(Undelivered.class)).optional();
        undelivered.ifPresent(u -> jdbc.sql("""
                UPDATE notification SET failed_at = NULL, attempts = 0, claimed_until = NULL, claimed_by = NULL
                WHERE id = :id AND failed_at IS NOT NULL AND sent_at IS NULL""").param("id", id).update());
        return undelivered;
    }
}
