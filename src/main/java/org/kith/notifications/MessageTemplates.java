package org.kith.notifications;

import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.kith.audit.AuditLog;
import org.kith.web.InvalidInputException;
import org.kith.web.PlainText;
import org.kith.web.Rows;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * A fund's own wording of a kind of message to groups ({@code message_template}). The text is staff-written and
 * is never evaluated: the only thing done to it is replacing each {@code {name}} of the kind's placeholders with
 * its value, in one pass in Java (no SpEL, no Thymeleaf, no MessageFormat), so {@code ${7*7}}, {@code #{...}} or
 * {@code {0}} stay as typed, and a value that itself holds {@code {link}} is not replaced again. Messages are
 * sent as plain text ({@link MailRelay}), so values need no escaping there; pages show the result with th:text.
 */
@Component
public class MessageTemplates {

    public static final int SUBJECT_MAX = 150;
    public static final int BODY_MAX = 5_000;

    /** A placeholder: a name in braces. Anything else in braces ({0}, {7*7}, {a.b}) is just text. */
    static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z][A-Za-z0-9]*)\\}");

    public record Template(long fundId, String kind, String subject, String body, String updatedBy,
            LocalDateTime updatedAt) {
    }

    /** A message as it reads once its placeholders are filled in. */
    public record Rendered(String subject, String body, boolean hasLink) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;
    private final AuditLog audit;

    MessageTemplates(JdbcClient jdbc, Clock clock, AuditLog audit) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.audit = audit;
    }

    public Optional<Template> find(long fundId, String kind) {
        return jdbc.sql("""
                SELECT fund_id, kind, subject, body, updated_by, updated_at FROM message_template
                WHERE fund_id = :fund AND kind = :kind""")
                .param("fund", fundId).param("kind", kind).query(Rows.of(Template.class)).optional();
    }

    /** The fund's own wordings, by kind. */
    public Map<String, Template> forFund(long fundId) {
        return jdbc.sql("""
                SELECT fund_id, kind, subject, body, updated_by, updated_at FROM message_template
                WHERE fund_id = :fund""")
                .param("fund", fundId).query(Rows.of(Template.class)).list().stream()
                .collect(Collectors.toMap(Template::kind, Function.identity()));
    }

    /** The wording of this kind for the fund the application belongs to, if the fund has its own. */
    Optional<Template> forApplication(long applicationId, String kind) {
        return jdbc.sql("""
                SELECT t.fund_id, t.kind, t.subject, t.body, t.updated_by, t.updated_at
                FROM message_template t JOIN application a ON a.fund_id = t.fund_id
                WHERE a.id = :id AND t.kind = :kind""")
                .param("id", applicationId).param("kind", kind).query(Rows.of(Template.class)).optional();
    }

    /** Checks and keeps a fund's wording of a kind, replacing any before; audited. */
    @Transactional
    public void save(long fundId, String fundName, MessageKinds.Kind kind, String subject, String body,
            String by) {
        check(kind, subject, body);
        int changed = jdbc.sql("""
                UPDATE message_template SET subject = :subject, body = :body, updated_by = :by, updated_at = :now
                WHERE fund_id = :fund AND kind = :kind""")
                .param("subject", subject).param("body", body).param("by", by).param("now", LocalDateTime.now(clock))
                .param("fund", fundId).param("kind", kind.key()).update();
        if (changed == 0) {
            jdbc.sql("""
                    INSERT INTO message_template (fund_id, kind, subject, body, updated_by, updated_at)
                    VALUES (:fund, :kind, :subject, :body, :by, :now)""")
                    .param("fund", fundId).param("kind", kind.key()).param("subject", subject).param("body", body)
                    .param("by", by).param("now", LocalDateTime.now(clock)).update();
        }
        audit.record(null, by, "MESSAGE_TEMPLATE_CHANGED", null, null,
                fundName + " (fund " + fundId + "): its own wording of " + kind.key() + " saved.");
    }

    /** Back to the standard wording; audited when there was a wording of the fund's own. */
    @Transactional
    public boolean useStandard(long fundId, String fundName, MessageKinds.Kind kind, String by) {
        int deleted = jdbc.sql("DELETE FROM message_template WHERE fund_id = :fund AND kind = :kind")
                .param("fund", fundId).param("kind", kind.key()).update();
        if (deleted > 0) {
            audit.record(null, by, "MESSAGE_TEMPLATE_CHANGED", null, null,
                    fundName + " (fund " + fundId + "): " + kind.key() + " back to the standard wording.");
        }
        return deleted > 0;
    }

    /** The field errors of a wording, subject then body; none when it may be saved. */
    public static void check(MessageKinds.Kind kind, String subject, String body) {
        List<InvalidInputException.FieldError> errors = new ArrayList<>();
        if (subject == null || subject.isBlank()) {
            errors.add(new InvalidInputException.FieldError("subject", "Enter the subject of the message"));
        } else if (subject.length() > SUBJECT_MAX) {
            errors.add(new InvalidInputException.FieldError("subject",
                    "The subject must be " + SUBJECT_MAX + " characters or fewer"));
        } else if (subject.contains("\n") || subject.contains("\r") || !PlainText.Check.isPlain(subject)) {
            errors.add(new InvalidInputException.FieldError("subject",
                    "The subject must be one line, without invisible control characters"));
        } else {
            unknown(kind, subject).ifPresent(message -> errors.add(new InvalidInputException.FieldError("subject",
                    message)));
        }
        if (body == null || body.isBlank()) {
            errors.add(new InvalidInputException.FieldError("body", "Enter the text of the message"));
        } else if (body.length() > BODY_MAX) {
            errors.add(new InvalidInputException.FieldError("body",
                    "The text must be " + BODY_MAX + " characters or fewer"));
        } else if (!PlainText.Check.isPlain(body)) {
            errors.add(new InvalidInputException.FieldError("body", PlainText.MESSAGE));
        } else {
            Optional<String> problem = unknown(kind, body);
            if (problem.isEmpty()) {
                Set<String> used = names(body);
                problem = kind.required().stream().filter(name -> !used.contains(name)).sorted().findFirst()
                        .map(name -> "The text must include {" + name + "}: the group must always be told it");
            }
            problem.ifPresent(message -> errors.add(new InvalidInputException.FieldError("body", message)));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
    }

    private static Optional<String> unknown(MessageKinds.Kind kind, String text) {
        return names(text).stream().filter(name -> !kind.supports(name)).findFirst()
                .map(name -> "{" + name + "} is not a placeholder of this message; use only "
                        + kind.placeholders().stream().map(p -> "{" + p + "}").collect(Collectors.joining(", ")));
    }

    /** The placeholder names a text uses, in order. */
    static Set<String> names(String text) {
        Set<String> names = new LinkedHashSet<>();
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /**
     * The text with each placeholder that has a value replaced by it, in one pass; everything else as written.
     * A value is never looked at again, so a group called {@code {link}} stays that.
     */
    public static String fill(String text, Map<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder(text.length() + 64);
        int at = 0;
        while (m.find()) {
            out.append(text, at, m.start());
            String value = values.get(m.group(1));
            out.append(value != null ? value : m.group());
            at = m.end();
        }
        return out.append(text, at, text.length()).toString();
    }

    /** The wording with its values: the subject on one line, placeholders the kind supports but lacks left empty. */
    public static Rendered render(MessageKinds.Kind kind, String subject, String body, Map<String, String> values) {
        Map<String, String> complete = new java.util.HashMap<>();
        kind.placeholders().forEach(name -> complete.put(name, java.util.Objects.requireNonNullElse(values.get(name), "")));
        return new Rendered(fill(subject, complete).replaceAll("[\\r\\n]+", " ").strip(),
                fill(body, complete).strip(), names(body).contains("link"));
    }
}
