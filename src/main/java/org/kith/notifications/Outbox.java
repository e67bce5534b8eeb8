package org.kith.notifications;

import java.time.Clock;
import java.time.LocalDateTime;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Messages to people, written in the same transaction as the event that causes them, so a message exists
 * exactly when its event happened. {@link MailRelay} delivers them later, from whichever node is free.
 */
@Component
public class Outbox {

    private final JdbcClient jdbc;
    private final Clock clock;

    Outbox(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** @param recipient the username of an account; its email address is looked up when the message is sent */
    public void enqueue(long applicationId, String kind, String recipient, String subject, String body) {
        jdbc.sql("""
                INSERT INTO notification (application_id, kind, recipient, subject, body, created_at)
                VALUES (:id, :kind, :recipient, :subject, :body, :now)""")
                .param("id", applicationId).param("kind", kind).param("recipient", recipient)
                .param("subject", subject).param("body", body).param("now", LocalDateTime.now(clock))
                .update();
    }
}
