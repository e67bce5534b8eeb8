package org.kith.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

import org.kith.web.Rows;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Slows down password guessing: after {@code kith.sign-in.max-failures} wrong passwords for one username
 * within {@code kith.sign-in.lockout}, that username cannot sign in, even with the right password, until
 * the lockout has passed; then counting starts again. Unknown usernames are counted the same way, so the
 * answer never tells whether an account exists. State is in the database, so every node sees it.
 */
@Component
class LoginThrottle {

    private record Entry(int failures, LocalDateTime lockedUntil) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;
    private final int maxFailures;
    private final Duration lockout;

    LoginThrottle(JdbcClient jdbc, Clock clock, @Value("${kith.sign-in.max-failures:10}") int maxFailures,
            @Value("${kith.sign-in.lockout:15m}") Duration lockout) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.maxFailures = maxFailures;
        this.lockout = lockout;
    }

    /** How long this username must still wait, if it is locked out; true in {@code hasFailures} if any are counted. */
    record State(Optional<Duration> lockedFor, boolean hasFailures) {
    }

    State state(String username) {
        LocalDateTime now = LocalDateTime.now(clock);
        Optional<Entry> entry = jdbc.sql("SELECT failures, locked_until FROM login_throttle WHERE username_hash = :h")
                .param("h", hash(username)).query(Rows.of(Entry.class)).optional();
        Optional<Duration> lockedFor = entry.map(Entry::lockedUntil).filter(until -> until.isAfter(now))
                .map(until -> Duration.between(now, until));
        return new State(lockedFor, entry.isPresent());
    }

    void recordFailure(String username) {
        String key = hash(username);
        LocalDateTime now = LocalDateTime.now(clock);
        LocalDateTime windowStart = now.minus(lockout);
        if (countFailure(key, now, windowStart) == 0) {
            try {
                jdbc.sql("INSERT INTO login_throttle (username_hash, failures, first_failure_at) VALUES (:h, 1, :now)")
                        .param("h", key).param("now", now).update();
            } catch (DuplicateKeyException raced) {
                countFailure(key, now, windowStart);
            }
        }
        jdbc.sql("""
                UPDATE login_throttle SET locked_until = :until, failures = 0, first_failure_at = :now
                WHERE username_hash = :h AND failures >= :max""")
                .param("until", now.plus(lockout)).param("now", now).param("h", key).param("max", maxFailures)
                .update();
        jdbc.sql("""
                DELETE FROM login_throttle
                WHERE first_failure_at < :dayAgo AND (locked_until IS NULL OR locked_until < :now)""")
                .param("dayAgo", now.minusDays(1)).param("now", now).update();
    }

    /** Clears failures and any lockout for this username; false if there was nothing to clear. */
    boolean forget(String username) {
        return jdbc.sql("DELETE FROM login_throttle WHERE username_hash = :h").param("h", hash(username)).update() > 0;
    }

    /** A failure outside the window starts the count again at one. */
    private int countFailure(String key, LocalDateTime now, LocalDateTime windowStart) {
        return jdbc.sql("""
                UPDATE login_throttle
                SET failures = CASE WHEN first_failure_at < :windowStart THEN 1 ELSE failures + 1 END,
                    first_failure_at = CASE WHEN first_failure_at < :windowStart THEN :now ELSE first_failure_at END
                WHERE username_hash = :h""")
                .param("windowStart", windowStart).param("now", now).param("h", key).update();
    }

    static String hash(String username) {
        String normalised = username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(normalised.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
