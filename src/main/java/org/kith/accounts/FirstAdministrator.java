package org.kith.accounts;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Optional;

import org.kith.audit.AuditLog;
import org.kith.identity.EmailAddresses;
import org.kith.identity.Role;
import org.kith.identity.UserAccounts;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The first administrator of a new deployment, made from the command line
 * ({@code java -jar kith.jar --kith.bootstrap-admin=EMAIL}, see {@code BootstrapAdminRunner}). Nothing is ever
 * made with a default password: the account's password is unusable until the person opens the single-use link
 * (valid {@link #LINK_LIFETIME}) and chooses one. Once any active administrator exists, it does nothing.
 */
@Service
public class FirstAdministrator {

    public static final Duration LINK_LIFETIME = Duration.ofHours(24);

    /** What a run did. */
    public enum Result {
        /** the account is made; {@code link} sets its password */
        CREATED,
        /** an active administrator exists already: nothing changed, no link */
        ADMIN_EXISTS,
        /** the address or name cannot be used ({@code problem} says why): nothing changed */
        REFUSED
    }

    public record Outcome(Result result, String email, String link, String problem) {
    }

    private final UserAccounts accounts;
    private final PasswordHashing hashing;
    private final AccountTokens tokens;
    private final AccountMessages messages;
    private final AuditLog audit;

    FirstAdministrator(UserAccounts accounts, PasswordHashing hashing, AccountTokens tokens, AccountMessages messages,
            AuditLog audit) {
        this.accounts = accounts;
        this.hashing = hashing;
        this.tokens = tokens;
        this.messages = messages;
        this.audit = audit;
    }

    /**
     * Makes the first administrator, unless an active one exists.
     * @param name the name to show; null or blank: the part of the address before the @
     */
    @Transactional
    public Outcome create(String email, String name) {
        String address = EmailAddresses.normalise(email);
        Optional<String> problem = EmailAddresses.problem(address);
        if (problem.isPresent()) {
            return new Outcome(Result.REFUSED, address, null, problem.get());
        }
        String displayName = name == null || name.isBlank() ? address.substring(0, address.indexOf('@'))
                : name.strip();
        problem = Registration.nameProblem(displayName);
        if (problem.isPresent()) {
            return new Outcome(Result.REFUSED, address, null, problem.get());
        }
        if (!accounts.lockActiveAdmins().isEmpty()) {
            return new Outcome(Result.ADMIN_EXISTS, address, null, null);
        }
        if (accounts.accountByEmail(address).isPresent()) {
            return new Outcome(Result.REFUSED, address, null, "An account already uses this email address. "
                    + "Give the first administrator an address no account has.");
        }
        long id = accounts.create(address, hashing.unusable(), displayName, address, null,
                EnumSet.of(Role.ADMIN));
        String token = tokens.issue(AccountTokens.Purpose.SET_PASSWORD, id, address, LINK_LIFETIME);
        audit.record(null, AuditLog.SYSTEM, "ADMIN_BOOTSTRAPPED", null, null, address);
        return new Outcome(Result.CREATED, address, messages.setPasswordLink(token), null);
    }
}
