package org.kith.accounts;

import java.time.Clock;
import java.time.LocalDateTime;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The new address an account asked to change to and has not confirmed yet, for its account page to show. */
@Component
class PendingAddress {

    private final JdbcClient jdbc;
    private final Clock clock;

    PendingAddress(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    Optional<String> of(long userId) {
        return jdbc.sql("""
                SELECT email FROM account_token
                WHERE user_id = :userId AND purpose = :purpose AND used_at IS NULL AND expires_at > :now
                ORDER BY id DESC""")
                .param("userId", userId).param("purpose", AccountTokens.Purpose.CHANGE_EMAIL.name())
                .param("now", LocalDateTime.now(clock))
                .query(String.class).list().stream().findFirst();
    }
}
