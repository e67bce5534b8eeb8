package org.kith.identity;

import java.util.Objects;

import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * What follows a change of password: the account's other sessions end (they live in {@code SPRING_SESSION},
 * indexed by principal name), and its failed sign-ins and any lockout are forgotten.
 */
@Component
public class AccountSecurity {

    private final FindByIndexNameSessionRepository<? extends Session> sessions;
    private final LoginThrottle throttle;

    AccountSecurity(FindByIndexNameSessionRepository<? extends Session> sessions, LoginThrottle throttle) {
        this.sessions = sessions;
        this.throttle = throttle;
    }

    /**
     * Ends every session signed in as this username but the one to keep (null keeps none).
     * @return how many ended
     */
    public int endSessions(String username, String keepSessionId) {
        int ended = 0;
        for (String id : sessions.findByPrincipalName(username).keySet()) {
            if (!Objects.equals(id, keepSessionId)) {
                sessions.deleteById(id);
                ended++;
            }
        }
        return ended;
    }

    /**
     * For a page that asks a signed-in person for their password again: how long they must wait, if wrong
     * passwords have locked the username out (the same count as sign-in, so a stolen session cannot be used to
     * guess the password either).
     */
    public java.util.Optional<java.time.Duration> lockedFor(String username) {
        return throttle.state(username).lockedFor();
    }

    /**
     * Counts a wrong password given by a signed-in person, as a failed sign-in would be counted. It commits on its
     * own: the caller's transaction rolls back with the field error it answers.
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void recordWrongPassword(String username) {
        throttle.recordFailure(username);
    }

    /** Forgets failed sign-ins and any lockout counted against each of these (as typed: username, address). */
    public void clearSignInLock(String... typed) {
        for (String key : typed) {
            if (key != null) {
                throttle.forget(key);
            }
        }
    }
}
