package org.kith.accounts;

import java.time.Duration;
import java.util.Optional;

import org.kith.identity.AccountSecurity;
import org.kith.identity.EmailAddresses;
import org.kith.identity.SecretTokens;
import org.kith.identity.UserAccounts;
import org.kith.web.InvalidInputException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A forgotten password: a link by email that works once within {@link #LINK_LIFETIME}. Asking for one gives the
 * same answer, after about the same work, whether or not the address has an account.
 */
@Service
public class PasswordReset {

    public static final Duration LINK_LIFETIME = Duration.ofHours(1);

    private final UserAccounts accounts;
    private final PasswordPolicy policy;
    private final PasswordHashing hashing;
    private final AccountTokens tokens;
    private final AccountMessages messages;
    private final AccountSecurity security;

    PasswordReset(UserAccounts accounts, PasswordPolicy policy, PasswordHashing hashing, AccountTokens tokens,
            AccountMessages messages, AccountSecurity security) {
        this.accounts = accounts;
        this.policy = policy;
        this.hashing = hashing;
        this.tokens = tokens;
        this.messages = messages;
        this.security = security;
    }

    /**
     * Sends a reset link to the address if an account has it; otherwise sends nothing. The page always says
     * "if an account uses this address, we have sent it a link".
     * @throws InvalidInputException on {@code email} only when it is not an email address at all
     */
    @Transactional
    public void requestReset(String email) {
        String address = EmailAddresses.normalise(email);
        EmailAddresses.problem(address).ifPresent(m -> {
            throw InvalidInputException.of("email", m);
        });
        Optional<UserAccounts.Account> account = accounts.accountByEmail(address)
                .filter(a -> a.enabled() && a.email() != null);
        if (account.isEmpty()) {
            SecretTokens.hash(SecretTokens.newToken()); // the same work as making a link, to take the same time
            return;
        }
        String token = tokens.issue(AccountTokens.Purpose.RESET_PASSWORD, account.get().id(), account.get().email(),
                LINK_LIFETIME);
        messages.resetPassword(account.get(), token);
    }

    /** Whether the page should show the new-password form for this link. */
    public LinkStatus check(String token) {
        return check(token, AccountTokens.Purpose.RESET_PASSWORD);
    }

    /** The same for a link to choose the first password of an account made by an administrator. */
    public LinkStatus checkFirst(String token) {
        return check(token, AccountTokens.Purpose.SET_PASSWORD);
    }

    private LinkStatus check(String token, AccountTokens.Purpose purpose) {
        return LinkStatus.valueOf(tokens.state(tokens.find(token, purpose)).name());
    }

    /**
     * Sets the first password of an account an administrator made, from the link they sent (or the one the
     * first-administrator command printed): as {@link #reset}, but no "your password has been changed" email.
     */
    @Transactional
    public ResetOutcome setFirst(String token, String newPassword) {
        return reset(token, newPassword, AccountTokens.Purpose.SET_PASSWORD);
    }

    /**
     * Sets a new password from a reset link. The link is then used up, with every other reset link of the
     * account; the account's sign-in lockout is cleared, a pending change of address is cancelled, its sessions end, its address counts as confirmed (the
     * link reached it), and it is told by email.
     * @throws InvalidInputException on {@code password} when the policy refuses it (the link stays usable)
     */
    @Transactional
    public ResetOutcome reset(String token, String newPassword) {
        return reset(token, newPassword, AccountTokens.Purpose.RESET_PASSWORD);
    }

    private ResetOutcome reset(String token, String newPassword, AccountTokens.Purpose purpose) {
        Optional<AccountTokens.Token> found = tokens.find(token, purpose);
        switch (tokens.state(found)) {
            case UNKNOWN:
                return ResetOutcome.UNKNOWN;
            case ALREADY_USED:
                return ResetOutcome.ALREADY_USED;
            case EXPIRED:
                return ResetOutcome.EXPIRED;
            default:
                break;
        }
        AccountTokens.Token link = found.get();
        UserAccounts.Account account = accounts.account(link.userId()).orElseThrow();
        policy.reasonToRefuse(newPassword, account.email(), account.username()).ifPresent(m -> {
            throw InvalidInputException.of("password", m);
        });
        if (!tokens.use(link)) {
            return ResetOutcome.ALREADY_USED;
        }
        accounts.changePassword(account.id(), hashing.encode(newPassword));
        tokens.cancelAll(account.id(), AccountTokens.Purpose.RESET_PASSWORD);
        tokens.cancelAll(account.id(), AccountTokens.Purpose.SET_PASSWORD);
        tokens.cancelAll(account.id(), AccountTokens.Purpose.CHANGE_EMAIL); // a change asked for by someone else ends
        if (!account.emailConfirmed() && account.email() != null && account.email().equals(link.email())) {
            accounts.confirmEmail(account.id(), account.email());
        }
        security.clearSignInLock(account.username(), account.email());
        security.endSessions(account.username(), null);
        if (purpose == AccountTokens.Purpose.RESET_PASSWORD) {
            messages.passwordChanged(account);
        }
        return ResetOutcome.PASSWORD_CHANGED;
    }
}
