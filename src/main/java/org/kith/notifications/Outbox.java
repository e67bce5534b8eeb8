package org.kith.notifications;

import java.time.Clock;
import java.time.LocalDateTime;
import java.util.List;

import org.kith.identity.UserAccounts;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Messages to people, written in the same transaction as the event that causes them, so a message exists
 * exactly when its event happened. {@link MailRelay} delivers them later, from whichever node is free.
 */
@Component
public class Outbox {

    static final int SUBJECT_MAX = 200;

    private final JdbcClient jdbc;
    private final Clock clock;
    private final UserAccounts accounts;
    private final String publicUrl;

    Outbox(JdbcClient jdbc, Clock clock, UserAccounts accounts,
            @Value("${kith.public-url:http://localhost:8080}") String publicUrl) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.accounts = accounts;
        this.publicUrl = publicUrl;
    }

    /**
     * A group's news about one application; the subject gets the application's reference added. {@code page} is
     * where in Kith to act on it, such as {@code /applications/12/offer}; by default the application's own page.
     */
    public record GroupMessage(long applicationId, String reference, long organisationId, String fundName,
            String kind, String subject, String text, String page) {

        public GroupMessage(long applicationId, String reference, long organisationId, String fundName,
                String kind, String subject, String text) {
            this(applicationId, reference, organisationId, fundName, kind, subject, text,
                    applicationPage(applicationId, ""));
        }
    }

    /** The path of an application's page, or of one of its pages: {@code applicationPage(12, "/offer")}. */
    public static String applicationPage(long applicationId, String subPage) {
        return "/applications/" + applicationId + subPage;
    }

    /**
     * The same message to every member of the group, each greeted by name and pointed to Kith.
     * @return how many members it went to
     */
    public int toGroup(GroupMessage message) {
        List<String> members = accounts.members(message.organisationId());
        for (String member : members) {
            String name = accounts.contact(member).map(UserAccounts.Contact::displayName).orElse(member);
            enqueue(message.applicationId(), message.kind(), member,
                    message.subject() + " (" + message.reference() + ")",
                    "Hello " + name + ",\n\n" + message.text() + "\n\nSee it in Kith: " + link(message.page())
                            + "\n\nThis message was sent by Kith for the " + message.fundName() + ".\n");
        }
        return members.size();
    }

    /**
     * A message about someone's account (no application), to this very address: a confirmation link goes to the
     * address being confirmed, an invitation to an address that may have no account yet.
     * @param recipient the username of the account it concerns, or the address when there is none
     */
    public void toAddress(String kind, String recipient, String address, String subject, String body) {
        jdbc.sql("""
                INSERT INTO notification (application_id, kind, recipient, address, subject, body, created_at)
                VALUES (NULL, :kind, :recipient, :address, :subject, :body, :now)""")
                .param("kind", kind).param("recipient", recipient).param("address", address)
                .param("subject", fitSubject(subject)).param("body", body).param("now", LocalDateTime.now(clock))
                .update();
    }

    /** Kith's address as people reach it, for links in messages: {@code kith.public-url} without a final slash. */
    public String publicUrl() {
        return publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    }

    /** @param recipient the username of an account; its email address is looked up when the message is sent */
    public void enqueue(long applicationId, String kind, String recipient, String subject, String body) {
        jdbc.sql("""
                INSERT INTO notification (application_id, kind, recipient, subject, body, created_at)
                VALUES (:id, :kind, :recipient, :subject, :body, :now)""")
                .param("id", applicationId).param("kind", kind).param("recipient", recipient)
                .param("subject", fitSubject(subject)).param("body", body).param("now", LocalDateTime.now(clock))
                .update();
    }

    /** Where a page is for the person reading the message: {@code kith.public-url} and the path. */
    private String link(String page) {
        return publicUrl() + (page == null ? "" : page);
    }

    /** A subject built from names people typed can outgrow its column (200): it is cut, never refused. */
    static String fitSubject(String subject) {
        if (subject == null || subject.length() <= SUBJECT_MAX) {
            return subject;
        }
        int end = SUBJECT_MAX - 1;
        if (Character.isHighSurrogate(subject.charAt(end - 1))) {
            end--; // never split an emoji in two
        }
        return subject.substring(0, end) + "…";
    }
}
