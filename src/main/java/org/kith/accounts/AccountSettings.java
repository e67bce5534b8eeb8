package org.kith.accounts;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.kith.identity.AccountSecurity;
import org.kith.identity.EmailAddresses;
import org.kith.identity.UserAccounts;
import org.kith.web.ForbiddenException;
import org.kith.web.InvalidInputException;
import org.kith.web.InvalidInputException.FieldError;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A signed-in person changes their password or email address, each only with their current password. A new
 * address is kept pending until the link sent to it is opened (decision 0008): until then the old address stays
 * in use, so a mistyped address never locks anyone out. The username never changes.
 */
@Service
public class AccountSettings {

    public static final Duration NEW_ADDRESS_LINK_LIFETIME = Duration.ofHours(24);

    private final UserAccounts accounts;
    private final PasswordPolicy policy;
    private final PasswordEncoder encoder;
    private final PasswordHashing hashing;
    private final AccountTokens tokens;
    private final AccountMessages messages;
    private final AccountSecurity security;

    AccountSettings(UserAccounts accounts, PasswordPolicy policy, PasswordEncoder encoder,
            PasswordHashing hashing, AccountTokens tokens,
            AccountMessages messages, AccountSecurity security) {
        this.accounts = accounts;
        this.policy = policy;
        this.encoder = encoder;
        this.hashing = hashing;
        this.tokens = tokens;
        this.messages = messages;
        this.security = security;
    }

    /**
     * Changes the password; the account's other sessions end (the one to keep is the page's own).
     * @throws InvalidInputException on {@code currentPassword} (missing or wrong) or {@code newPassword} (policy)
     */
    @Transactional
    public void changePassword(String username, String currentPassword, String newPassword, String keepSessionId) {
        UserAccounts.Account account = signedIn(username);
        List<FieldError> errors = new ArrayList<>();
        currentPasswordProblem(account, currentPassword).ifPresent(m -> errors.add(new FieldError("currentPassword", m)));
        policy.reasonToRefuse(newPassword, account.email(), account.username())
                .ifPresent(m -> errors.add(new FieldError("newPassword", m)));
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        accounts.changePassword(account.id(), hashing.encode(newPassword));
        tokens.cancelAll(account.id(), AccountTokens.Purpose.RESET_PASSWORD);
        security.clearSignInLock(account.username(), account.email());
        security.endSessions(account.username(), keepSessionId);
        messages.passwordChanged(account);
    }

    /**
     * Asks to change the email address: a link goes to the new address, which replaces the old one when opened
     * ({@link Registration#confirm}); the old address is told. If another account has the new address, its
     * owner is told instead and the answer is the same.
     * @return the new address, normalised, for the page to say where the link went
     * @throws InvalidInputException on {@code currentPassword} (missing or wrong) or {@code email}
     */
    @Transactional
    public String requestEmailChange(String username, String currentPassword, String newEmail) {
        UserAccounts.Account account = signedIn(username);
        String address = EmailAddresses.normalise(newEmail);
        List<FieldError> errors = new ArrayList<>();
        Optional<String> emailProblem = EmailAddresses.problem(address);
        if (emailProblem.isEmpty() && account.email() != null
                && UserAccounts.emailKey(address).equals(UserAccounts.emailKey(account.email()))) {
            emailProblem = Optional.of("This is already your email address. Enter the new address.");
        }
        emailProblem.ifPresent(m -> errors.add(new FieldError("email", m)));
        currentPasswordProblem(account, currentPassword).ifPresent(m -> errors.add(new FieldError("currentPassword", m)));
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        Optional<UserAccounts.Account> owner = accounts.accountByEmail(address).filter(a -> a.id() != account.id());
        if (owner.isPresent()) {
            messages.addressInUse(owner.get());
            return address;
        }
        tokens.cancelAll(account.id(), AccountTokens.Purpose.CHANGE_EMAIL);
        String token = tokens.issue(AccountTokens.Purpose.CHANGE_EMAIL, account.id(), address,
                NEW_ADDRESS_LINK_LIFETIME);
        messages.confirmNewAddress(account, address, token);
        messages.addressChangeRequested(account, address);
        return address;
    }

    /** The account as its settings page shows it. */
    public UserAccounts.Account account(String username) {
        return signedIn(username);
    }

    private UserAccounts.Account signedIn(String username) {
        return accounts.account(username).filter(UserAccounts.Account::enabled)
                .orElseThrow(() -> new ForbiddenException("Sign in first."));
    }

    private Optional<String> currentPasswordProblem(UserAccounts.Account account, String currentPassword) {
        if (currentPassword == null || currentPassword.isEmpty()) {
            return Optional.of("Enter your current password.");
        }
        Optional<java.time.Duration> locked = security.lockedFor(account.username());
        if (locked.isPresent()) {
            long minutes = locked.get().toMinutes() + 1;
            return Optional.of("There have been too many wrong passwords. Try again in " + minutes
                    + (minutes == 1 ? " minute." : " minutes."));
        }
        if (currentPassword.length() > PasswordPolicy.MAX_LENGTH * 4
                || !encoder.matches(currentPassword, accounts.passwordHash(account.id()))) {
            security.recordWrongPassword(account.username());
            return Optional.of("Your current password is not right. Enter the password you signed in with.");
        }
        return Optional.empty();
    }
}
