package org.kith.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The outbox as a person's inbox: the messages written to an address, and the links in them. */
@Component
public class Mailbox {

    public record Message(String kind, String recipient, String address, String subject, String body) {
    }

    private final JdbcClient jdbc;

    Mailbox(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<Message> to(String address) {
        return jdbc.sql("""
                SELECT kind, recipient, address, subject, body FROM notification
                WHERE address = :address ORDER BY id""")
                .param("address", address).query(Message.class).list();
    }

    public List<Message> to(String address, String kind) {
        return to(address).stream().filter(m -> m.kind().equals(kind)).toList();
    }

    /** The token of the link to this path in the newest message of this kind to this address. */
    public String token(String address, String kind, String path) {
        List<Message> messages = to(address, kind);
        assertThat(messages).as("%s messages to %s", kind, address).isNotEmpty();
        String body = messages.get(messages.size() - 1).body();
        Matcher link = Pattern.compile("http://localhost:8080" + Pattern.quote(path) + "\\?token=([A-Za-z0-9_-]{43})\\b")
                .matcher(body);
        assertThat(link.find()).as("a link to %s in %s", path, body).isTrue();
        return link.group(1);
    }
}
