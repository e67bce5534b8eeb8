package org.kith.notifications;

import java.io.UnsupportedEncodingException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.kith.identity.UserAccounts;
import org.kith.web.Rows;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.MailException;
import org.springframework.mail.MailParseException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Sends the outbox by email when a mail server is configured ({@code SPRING_MAIL_HOST}); without one, messages
 * stay in the {@code notification} table. Every node runs it: a node claims a batch of rows before sending, so
 * each message goes once, and a claim that outlives a dead node expires. A failed send waits longer each time
 * and gives up after {@value #MAX_ATTEMPTS} tries; an address that cannot be used fails at once.
 */
@Component
public class MailRelay {

    static final int MAX_ATTEMPTS = 5;
    private static final int BATCH = 50;
    private static final Duration CLAIM = Duration.ofMinutes(5);
    private static final Logger log = LoggerFactory.getLogger(MailRelay.class);

    record Pending(long id, String recipient, String address, String subject, String body, int attempts) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;
    private final ObjectProvider<JavaMailSender> mail;
    private final UserAccounts accounts;
    private final String from;

    MailRelay(JdbcClient jdbc, Clock clock, ObjectProvider<JavaMailSender> mail, UserAccounts accounts,
            @Value("${kith.mail.from:Kith <no-reply@kith.invalid>}") String from) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.mail = mail;
        this.accounts = accounts;
        this.from = from;
    }

    /** Batch after batch while they come back full, so a morning's thousand reminders do not wait an hour. */
    @Scheduled(initialDelayString = "${kith.mail.relay-interval:PT30S}",
            fixedDelayString = "${kith.mail.relay-interval:PT30S}")
    void relay() {
        int sent;
        do {
            sent = sendDue();
        } while (sent == BATCH);
    }

    /** Sends the messages that are due now; how many went. */
    public int sendDue() {
        JavaMailSender sender = mail.getIfAvailable();
        if (sender == null) {
            return 0;
        }
        int sent = 0;
        for (Pending message : claim()) {
            if (deliver(sender, message)) {
                sent++;
            }
        }
        return sent;
    }

    private List<Pending> claim() {
        LocalDateTime now = LocalDateTime.now(clock);
        List<Long> due = jdbc.sql("""
                SELECT id FROM notification
                WHERE sent_at IS NULL AND failed_at IS NULL AND (claimed_until IS NULL OR claimed_until < :now)
                ORDER BY id LIMIT :batch""")
                .param("now", now).param("batch", BATCH).query(Long.class).list();
        if (due.isEmpty()) {
            return List.of();
        }
        String claim = UUID.randomUUID().toString();
        jdbc.sql("""
                UPDATE notification SET claimed_by = :claim, claimed_until = :until
                WHERE id IN (:ids) AND sent_at IS NULL AND failed_at IS NULL
                  AND (claimed_until IS NULL OR claimed_until < :now)""")
                .param("claim", claim).param("until", now.plus(CLAIM)).param("ids", due).param("now", now)
                .update();
        return jdbc.sql("""
                SELECT id, recipient, address, subject, body, attempts FROM notification
                WHERE claimed_by = :claim AND sent_at IS NULL ORDER BY id""")
                .param("claim", claim).query(Rows.of(Pending.class)).list();
    }

    private boolean deliver(JavaMailSender sender, Pending message) {
        Optional<UserAccounts.Contact> contact = message.address() != null
                ? Optional.of(new UserAccounts.Contact(null, message.address()))
                : accounts.contact(message.recipient());
        if (contact.isEmpty() || contact.get().email() == null || contact.get().email().isBlank()) {
            giveUp(message, "The recipient has no email address, or their account is closed.");
            return false;
        }
        if (message.subject() == null || message.body() == null) {
            giveUp(message, "The message has no text.");
            return false;
        }
        try {
            sender.send(mime(sender, message, contact.get()));
        } catch (MailParseException | MailPreparationException unusable) {
            giveUp(message, describe(unusable));
            return false;
        } catch (MailException failed) {
            tryLater(message, describe(failed));
            return false;
        }
        jdbc.sql("UPDATE notification SET sent_at = :now, attempts = :attempts, last_error = NULL WHERE id = :id")
                .param("now", LocalDateTime.now(clock)).param("attempts", message.attempts() + 1)
                .param("id", message.id()).update();
        return true;
    }

    private MimeMessage mime(JavaMailSender sender, Pending message, UserAccounts.Contact to) {
        MimeMessage mime = sender.createMimeMessage();
        try {
            MimeMessageHelper helper = new MimeMessageHelper(mime, false, "UTF-8");
            helper.setFrom(from);
            helper.setTo(to.displayName() == null ? new InternetAddress(to.email())
                    : new InternetAddress(to.email(), to.displayName(), "UTF-8"));
            helper.setSubject(message.subject());
            helper.setText(message.body(), false);
        } catch (MessagingException | UnsupportedEncodingException e) {
            throw new MailParseException(e);
        }
        return mime;
    }

    private void tryLater(Pending message, String error) {
        int attempts = message.attempts() + 1;
        if (attempts >= MAX_ATTEMPTS) {
            giveUp(message, error);
            return;
        }
        LocalDateTime retryAt = LocalDateTime.now(clock).plus(backoff(attempts));
        log.warn("Notification {} not sent (try {} of {}), retrying at {}: {}", message.id(), attempts,
                MAX_ATTEMPTS, retryAt, error);
        jdbc.sql("""
                UPDATE notification SET attempts = :attempts, last_error = :error, claimed_until = :retryAt
                WHERE id = :id""")
                .param("attempts", attempts).param("error", error).param("retryAt", retryAt)
                .param("id", message.id()).update();
    }

    private void giveUp(Pending message, String error) {
        log.warn("Notification {} will not be sent: {}", message.id(), error);
        jdbc.sql("""
                UPDATE notification SET attempts = :attempts, last_error = :error, failed_at = :now
                WHERE id = :id""")
                .param("attempts", message.attempts() + 1).param("error", error)
                .param("now", LocalDateTime.now(clock)).param("id", message.id()).update();
    }

    /** 1, 5, 25, then 125 minutes. */
    static Duration backoff(int attempts) {
        return Duration.ofMinutes((long) Math.pow(5, attempts - 1));
    }

    private static String describe(Exception e) {
        String text = e.getClass().getSimpleName() + ": " + e.getMessage();
        return text.length() > 500 ? text.substring(0, 500) : text;
    }
}
