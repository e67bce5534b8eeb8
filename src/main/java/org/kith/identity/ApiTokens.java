package org.kith.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.stereotype.Component;

/**
 * Named tokens a person makes for their scripts, sent as {@code Authorization: Bearer kith_<prefix>_<secret>}.
 * Only the SHA-256 of a token is stored; the prefix (not secret) finds its row in one indexed query joined to the
 * account, so a call costs one query and one hash instead of a bcrypt check. A token works while it is not
 * revoked and its account is enabled: deactivating an account stops its tokens at once.
 */
@Component
public class ApiTokens {

    public static final String PREFIX = "kith_";
    static final int PREFIX_LENGTH = 12;
    /** {@code kith_} + prefix + {@code _} + the 43 characters of 256 random bits, URL-safe Base64. */
    private static final Pattern FORMAT = Pattern.compile("kith_([a-z0-9]{12})_[A-Za-z0-9_-]{43}");
    /** The last use is written at most this often per token, so calls in a loop do not each write a row. */
    static final Duration LAST_USE_PRECISION = Duration.ofMinutes(1);

    /** A token as its owner sees it in a list: never the secret, only the prefix as a hint. */
    public record Token(long id, String name, String prefix, LocalDateTime createdAt, LocalDateTime lastUsedAt) {

        /** What the owner can recognise it by: {@code kith_<prefix>_…}. */
        public String hint() {
            return PREFIX + prefix + "_…";
        }
    }

    /** A token just made: the only time its whole value is known. */
    public record Issued(Token token, String value) {
    }

    /** Who a valid token speaks for, with their roles as authorities, read in the same query as the token. */
    record Bearer(long tokenId, CurrentUser user, List<SimpleGrantedAuthority> authorities) {
    }

    private record Found(long id, String secretHash, LocalDateTime lastUsedAt, long userId, String username,
            Long organisationId, String role) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;
    private final UserAccounts accounts;

    ApiTokens(JdbcClient jdbc, Clock clock, UserAccounts accounts) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.accounts = accounts;
    }

    /** Makes a token for this account; the caller checks the name (required, 100 at most, unused). */
    public Issued issue(long userId, String name) {
        String prefix = SecretTokens.newCode(PREFIX_LENGTH);
        String value = PREFIX + prefix + "_" + SecretTokens.newToken();
        LocalDateTime now = LocalDateTime.now(clock).withNano(0);
        jdbc.sql("""
                INSERT INTO api_token (user_id, name, token_prefix, secret_hash, created_at)
                VALUES (:userId, :name, :prefix, :hash, :now)""")
                .param("userId", userId).param("name", name).param("prefix", prefix)
                .param("hash", SecretTokens.hash(value)).param("now", now).update();
        long id = jdbc.sql("SELECT id FROM api_token WHERE token_prefix = :prefix").param("prefix", prefix)
                .query(Long.class).single();
        return new Issued(new Token(id, name, prefix, now, null), value);
    }

    /** The account's tokens that still work (or would, were the account enabled), newest first. */
    public List<Token> active(long userId) {
        return jdbc.sql("""
                SELECT id, name, token_prefix, created_at, last_used_at FROM api_token
                WHERE user_id = :userId AND revoked_at IS NULL ORDER BY id DESC""")
                .param("userId", userId).query(ApiTokens::token).list();
    }

    /** One of the account's tokens that still works; none for a revoked one or another person's. */
    public Optional<Token> active(long userId, long tokenId) {
        return jdbc.sql("""
                SELECT id, name, token_prefix, created_at, last_used_at FROM api_token
                WHERE id = :id AND user_id = :userId AND revoked_at IS NULL""")
                .param("id", tokenId).param("userId", userId).query(ApiTokens::token).optional();
    }

    /** Whether the account has a token of this name that still works (names compare in any case). */
    public boolean nameInUse(long userId, String name) {
        return jdbc.sql("""
                SELECT COUNT(*) FROM api_token WHERE user_id = :userId AND revoked_at IS NULL
                  AND LOWER(name) = LOWER(:name)""")
                .param("userId", userId).param("name", name).query(Integer.class).single() > 0;
    }

    /** Stops one of the account's tokens; false if it is not theirs or already revoked. */
    public boolean revoke(long userId, long tokenId, String by) {
        return jdbc.sql("""
                UPDATE api_token SET revoked_at = :now, revoked_by = :by
                WHERE id = :id AND user_id = :userId AND revoked_at IS NULL""")
                .param("now", LocalDateTime.now(clock)).param("by", by).param("id", tokenId)
                .param("userId", userId).update() == 1;
    }

    /**
     * Who this token speaks for: one query by prefix, joined to the enabled account and its roles, then the
     * hashes compared in constant time. Records the use when the last one is older than a minute.
     */
    Optional<Bearer> authenticate(String token) {
        var format = FORMAT.matcher(token);
        if (!format.matches()) {
            return Optional.empty();
        }
        List<Found> rows = jdbc.sql("""
                SELECT t.id, t.secret_hash, t.last_used_at, u.id, u.username, u.organisation_id, r.role
                FROM api_token t JOIN app_user u ON u.id = t.user_id
                LEFT JOIN user_role r ON r.user_id = u.id
                WHERE t.token_prefix = :prefix AND t.revoked_at IS NULL AND u.enabled""")
                .param("prefix", format.group(1))
                .query((rs, n) -> new Found(rs.getLong(1), rs.getString(2),
                        rs.getObject(3, LocalDateTime.class), rs.getLong(4), rs.getString(5),
                        rs.getObject(6, Long.class), rs.getString(7)))
                .list();
        if (rows.isEmpty() || !MessageDigest.isEqual(
                rows.get(0).secretHash().getBytes(StandardCharsets.US_ASCII),
                SecretTokens.hash(token).getBytes(StandardCharsets.US_ASCII))) {
            return Optional.empty();
        }
        Found found = rows.get(0);
        recordUse(found);
        CurrentUser user = accounts.currentUser(found.userId(), found.username(), found.organisationId(),
                rows.stream().map(Found::role).toList());
        return Optional.of(new Bearer(found.id(), user,
                user.roles().stream().map(r -> new SimpleGrantedAuthority(r.authority())).toList()));
    }

    private void recordUse(Found found) {
        LocalDateTime now = LocalDateTime.now(clock);
        LocalDateTime cutoff = now.minus(LAST_USE_PRECISION);
        if (found.lastUsedAt() != null && found.lastUsedAt().isAfter(cutoff)) {
            return;
        }
        // conditional, so of calls that arrive together only one writes
        jdbc.sql("""
                UPDATE api_token SET last_used_at = :now
                WHERE id = :id AND (last_used_at IS NULL OR last_used_at <= :cutoff)""")
                .param("now", now).param("id", found.id()).param("cutoff", cutoff).update();
    }

    private static Token token(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new Token(rs.getLong("id"), rs.getString("name"), rs.getString("token_prefix"),
                rs.getObject("created_at", LocalDateTime.class), rs.getObject("last_used_at", LocalDateTime.class));
    }
}
