package org.kith.accounts;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Optional;

import org.kith.identity.SecretTokens;
import org.kith.web.Rows;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Single-use links that expire, kept in {@code account_token} by the SHA-256 hash of their token only. */
@Component
class AccountTokens {

    enum Purpose {
        /** confirms the address an account registered with */
        CONFIRM_EMAIL,
        /** confirms a new address, which then replaces the account's address */
        CHANGE_EMAIL,
        RESET_PASSWORD,
        /** the first password of an account an administrator (or the first-administrator command) made */
        SET_PASSWORD
    }

    record Token(long id, String purpose, long userId, String email, LocalDateTime expiresAt, LocalDateTime usedAt) {

        Purpose kind() {
            return Purpose.valueOf(purpose);
        }
    }

    /** What a link is worth now. */
    enum State { VALID, ALREADY_USED, EXPIRED, UNKNOWN }

    private final JdbcClient jdbc;
    private final Clock clock;

    AccountTokens(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** A new link's token; only its hash is stored. */
    String issue(Purpose purpose, long userId, String email, Duration lifetime) {
        String token = SecretTokens.newToken();
        LocalDateTime now = LocalDateTime.now(clock);
        jdbc.sql("""
                INSERT INTO account_token (token_hash, purpose, user_id, email, created_at, expires_at)
                VALUES (:hash, :purpose, :userId, :email, :now, :expires)""")
                .param("hash", SecretTokens.hash(token)).param("purpose", purpose.name()).param("userId", userId)
                .param("email", email).param("now", now).param("expires", now.plus(lifetime))
                .update();
        return token;
    }

    /** The token with one of these purposes, if there is one; a token of another purpose is unknown here. */
    Optional<Token> find(String token, Purpose... purposes) {
        if (token == null || token.isBlank() || token.length() > 100) {
            return Optional.empty();
        }
        return jdbc.sql("""
                SELECT id, purpose, user_id, email, expires_at, used_at FROM account_token
                WHERE token_hash = :hash""")
                .param("hash", SecretTokens.hash(token.strip())).query(Rows.of(Token.class)).optional()
                .filter(t -> java.util.Arrays.asList(purposes).contains(t.kind()));
    }

    State state(Optional<Token> token) {
        if (token.isEmpty()) {
            return State.UNKNOWN;
        }
        if (token.get().usedAt() != null) {
            return State.ALREADY_USED;
        }
        if (!token.get().expiresAt().isAfter(LocalDateTime.now(clock))) {
            return State.EXPIRED;
        }
        return State.VALID;
    }

    /** Uses the token up; false if someone used it first (two clicks at once: one wins). */
    boolean use(Token token) {
        return jdbc.sql("UPDATE account_token SET used_at = :now WHERE id = :id AND used_at IS NULL")
                .param("now", LocalDateTime.now(clock)).param("id", token.id()).update() == 1;
    }

    /** Ends every unused link of this purpose for this account (say, after a new one is sent or one was used). */
    void cancelAll(long userId, Purpose purpose) {
        jdbc.sql("""
                UPDATE account_token SET used_at = :now
                WHERE user_id = :userId AND purpose = :purpose AND used_at IS NULL""")
                .param("now", LocalDateTime.now(clock)).param("userId", userId).param("purpose", purpose.name())
                .update();
    }
}
