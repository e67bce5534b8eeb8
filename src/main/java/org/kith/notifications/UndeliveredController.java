package org.kith.notifications;

import java.time.LocalDateTime;
import java.util.List;

import org.kith.web.NotFoundException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** For admins: messages the relay gave up on, and a way to send one again (say, once an address is fixed). */
@RestController
class UndeliveredController {

    record Undelivered(long id, Long applicationId, String kind, String recipient, int attempts, String lastError,
            LocalDateTime failedAt) {
    }

    private static final String COLUMNS = "id, application_id, kind, recipient, attempts, last_error, failed_at";

    private final JdbcClient jdbc;

    UndeliveredController(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @GetMapping("/api/admin/undelivered-notifications")
    List<Undelivered> list() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM notification WHERE failed_at IS NOT NULL AND sent_at IS NULL"
                        + " ORDER BY failed_at DESC, id DESC LIMIT 200")
                .query(Undelivered.class).list();
    }

    @PostMapping("/api/admin/undelivered-notifications/{id}/retry")
    Undelivered retry(@PathVariable long id) {
        Undelivered undelivered = jdbc.sql("SELECT " + COLUMNS + " FROM notification"
                        + " WHERE id = :id AND failed_at IS NOT NULL AND sent_at IS NULL")
                .param("id", id).query(Undelivered.class).optional()
                .orElseThrow(() -> new NotFoundException("There is no undelivered notification " + id + "."));
        jdbc.sql("""
                UPDATE notification SET failed_at = NULL, attempts = 0, claimed_until = NULL, claimed_by = NULL
                WHERE id = :id""").param("id", id).update();
        return undelivered;
    }
}
