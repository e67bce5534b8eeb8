package org.kith.notifications;

import java.time.Clock;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.kith.identity.UserAccounts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
    private static final Logger log = LoggerFactory.getLogger(Outbox.class);

    private final JdbcClient jdbc;
    private final Clock clock;
    private final UserAccounts accounts;
    private final String publicUrl;
    private final MessageTemplates templates;

    Outbox(JdbcClient jdbc, Clock clock, UserAccounts accounts, MessageTemplates templates,
            @Value("${kith.public-url:http://localhost:8080}") String publicUrl) {
        this.templates = templates;
        this.jdbc = jdbc;
        this.clock = clock;
        this.accounts = accounts;
        this.publicUrl = publicUrl;
    }

    /**
     * A group's news about one application; the subject gets the application's reference added. {@code page} is
     * where in Kith to act on it, such as {@code /applications/12/offer}; by default the application's own page.
     * {@code values} fill the placeholders of the fund's own wording of this kind ({@link MessageKinds}), if it
     * has one: {@code amount}, {@code reason} and the like, already worded ({@link Wording}); {@code group},
     * {@code reference}, {@code fund} and {@code link} the Outbox fills itself.
     */
    public record GroupMessage(long applicationId, String reference, long organisationId, String fundName,
            String kind, String subject, String text, String page, Map<String, String> values) {

        public GroupMessage {
            values = values == null ? Map.of() : java.util.Collections.unmodifiableMap(new HashMap<>(values));
        }

        public GroupMessage(long applicationId, String reference, long organisationId, String fundName,
                String kind, String subject, String text, String page) {
            this(applicationId, reference, organisationId, fundName, kind, subject, text, page, Map.of());
        }

        public GroupMessage(long applicationId, String reference, long organisationId, String fundName,
                String kind, String subject, String text) {
            this(applicationId, reference, organisationId, fundName, kind, subject, text,
                    applicationPage(applicationId, ""));
        }

        /** The same message with one more placeholder value (a null value is left empty). */
        public GroupMessage with(String name, String value) {
            Map<String, String> more = new HashMap<>(values);
            more.put(name, value);
            return new GroupMessage(applicationId, reference, organisationId, fundName, kind, subject, text, page,
                    more);
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
        if (members.isEmpty()) {
            return 0;
        }
        String link = link(message.page());
        String subject = message.subject() + " (" + message.reference() + ")";
        String text = message.text() + "\n\nSee it in Kith: " + link;
        Optional<MessageTemplates.Rendered> own = fundsOwnWording(message, link);
        if (own.isPresent()) {
            subject = own.get().subject();
            text = own.get().body() + (own.get().hasLink() ? "" : "\n\nSee it in Kith: " + link);
        }
        for (String member : members) {
            String name = accounts.contact(member).map(UserAccounts.Contact::displayName).orElse(member);
            enqueue(message.applicationId(), message.kind(), member, subject,
                    "Hello " + name + ",\n\n" + text
                            + "\n\nThis message was sent by Kith for the " + message.fundName() + ".\n");
        }
        return members.size();
    }

    /**
     * The fund's own wording of this kind, filled in, when the fund has one and the message carries every value
     * the wording must hold (else the standard wording goes, so the group is never told less).
     */
    private Optional<MessageTemplates.Rendered> fundsOwnWording(GroupMessage message, String link) {
        Optional<MessageKinds.Kind> kind = MessageKinds.find(message.kind());
        if (kind.isEmpty()) {
            return Optional.empty();
        }
        Optional<MessageTemplates.Template> template = templates.forApplication(message.applicationId(),
                message.kind());
        if (template.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> values = new HashMap<>(message.values());
        if (kind.get().required().stream().anyMatch(name -> values.get(name) == null || values.get(name).isBlank())) {
            log.warn("The {} message for application {} lacks a value its fund's wording needs; the standard wording "
                    + "was sent.", message.kind(), message.applicationId());
            return Optional.empty();
        }
        values.put("group", groupName(message.organisationId()));
        values.put("reference", message.reference());
        values.put("fund", message.fundName());
        values.put("link", link);
        return Optional.of(MessageTemplates.render(kind.get(), template.get().subject(), template.get().body(),
                values));
    }

    private String groupName(long organisationId) {
        return jdbc.sql("SELECT name FROM organisation WHERE id = :id").param("id", organisationId)
                .query(String.class).optional().orElse("");
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
