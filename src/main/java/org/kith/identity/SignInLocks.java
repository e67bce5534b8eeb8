package org.kith.identity;

import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.kith.web.Rows;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * For the admin's process health page: the sign-in locks in force now, named by the account they belong to. The
 * throttle keeps only a hash of what was typed (a username or an address), so locks are matched by hashing each
 * account's username and address; a lock on a name no account has is only counted.
 */
@Component
public class SignInLocks {

    /** An account whose username or address is locked out until {@code lockedUntil}. */
    public record Lock(long userId, String username, String displayName, LocalDateTime lockedUntil) {
    }

    /** {@code otherNames}: locks on names that match no account (they lapse by themselves). */
    public record Locks(List<Lock> accounts, int otherNames) {
    }

    private record Held(String hash, LocalDateTime lockedUntil) {
    }

    private record Account(long id, String username, String displayName, String emailKey) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;
    private final LoginThrottle throttle;

    SignInLocks(JdbcClient jdbc, Clock clock, LoginThrottle throttle) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.throttle = throttle;
    }

    public Locks current() {
        Map<String, LocalDateTime> held = new HashMap<>();
        jdbc.sql("SELECT username_hash AS hash, locked_until FROM login_throttle WHERE locked_until > :now")
                .param("now", LocalDateTime.now(clock)).query(Rows.of(Held.class)).list()
                .forEach(h -> held.put(h.hash(), h.lockedUntil()));
        if (held.isEmpty()) {
            return new Locks(List.of(), 0);
        }
        List<Lock> locks = new ArrayList<>();
        int matched = 0;
        for (Account a : jdbc.sql("SELECT id, username, display_name, email_key FROM app_user ORDER BY username")
                .query(Rows.of(Account.class)).list()) {
            LocalDateTime byName = held.get(LoginThrottle.hash(a.username()));
            LocalDateTime byAddress = a.emailKey() == null ? null : held.get(LoginThrottle.hash(a.emailKey()));
            matched += (byName != null ? 1 : 0) + (byAddress != null ? 1 : 0);
            LocalDateTime until = byName == null ? byAddress
                    : byAddress == null || byName.isAfter(byAddress) ? byName : byAddress;
            if (until != null) {
                locks.add(new Lock(a.id(), a.username(), a.displayName(), until));
            }
        }
        return new Locks(locks, Math.max(0, held.size() - matched));
    }

    /** Lets the account sign in again: the failures counted against its username and its address are forgotten. */
    @Transactional
    public boolean release(long userId) {
        List<Account> found = jdbc.sql("SELECT id, username, display_name, email_key FROM app_user WHERE id = :id")
                .param("id", userId).query(Rows.of(Account.class)).list();
        if (found.isEmpty()) {
            return false;
        }
        boolean byName = throttle.forget(found.get(0).username());
        boolean byAddress = found.get(0).emailKey() != null && throttle.forget(found.get(0).emailKey());
        return byName || byAddress;
    }
}
